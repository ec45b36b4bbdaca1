// Live chat over the project WebSocket. Without this file the room page still
// works: history is server-rendered and the form posts normally.
(() => {
  const root = document.getElementById("chat");
  if (!root || !window.WebSocket) return;
  const roomId = Number(root.dataset.room);
  const me = Number(root.dataset.user);
  const moderator = root.dataset.moderator === "1";
  const list = document.getElementById("chat-messages");
  const form = document.getElementById("chat-form");
  const status = document.getElementById("chat-status");
  const typingLine = document.getElementById("chat-typing");
  const presenceList = document.getElementById("chat-presence");
  const csrf = document.querySelector("[name=csrfmiddlewaretoken]");
  const unacked = new Map(); // client_id -> frame, resent after a reconnect
  const presence = new Map(); // connection key -> name
  const typing = new Map(); // user id -> {name, timer}
  let socket = null;
  let delay = 500;
  let lastTyping = 0;

  function lastId() {
    let max = 0;
    list.querySelectorAll(".chat-message[data-id]").forEach((li) => {
      max = Math.max(max, Number(li.dataset.id));
    });
    return max;
  }

  function actionForm(urlTemplate, id, label) {
    const f = document.createElement("form");
    f.method = "post";
    f.className = "inline";
    f.action = urlTemplate.replace("/0/", "/" + id + "/");
    if (csrf) {
      const token = document.createElement("input");
      token.type = "hidden"; token.name = "csrfmiddlewaretoken"; token.value = csrf.value;
      f.appendChild(token);
    }
    const button = document.createElement("button");
    button.type = "submit"; button.textContent = label;
    f.appendChild(button);
    return f;
  }

  function render(m) {
    const li = document.createElement("li");
    li.className = "chat-message" + (m.visibility === "pending" ? " pending" : "");
    li.id = "message-" + m.id;
    li.dataset.id = m.id;
    li.dataset.clientId = m.client_id;
    const author = document.createElement("span");
    author.className = "chat-author"; author.textContent = m.author;
    const time = document.createElement("time");
    time.dateTime = m.created_at;
    time.textContent = new Date(m.created_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    const body = document.createElement("p");
    body.className = "chat-body"; body.textContent = m.body;
    li.append(author, " ", time, " ");
    if (m.visibility === "pending") {
      const p = document.createElement("span");
      p.className = "chat-pending"; p.textContent = root.dataset.textPending;
      li.append(p);
    }
    li.append(body);
    if (moderator && m.visibility === "pending") li.append(actionForm(root.dataset.approveUrl, m.id, root.dataset.textApprove));
    if (moderator) li.append(actionForm(root.dataset.deleteUrl, m.id, root.dataset.textDelete));
    if (m.author_id !== me) li.append(actionForm(root.dataset.reportUrl, m.id, root.dataset.textReport));
    return li;
  }

  function place(m, prepend) {
    const existing = document.getElementById("message-" + m.id);
    if (existing) {
      if (existing.classList.contains("pending") && m.visibility === "published") existing.replaceWith(render(m));
      return;
    }
    const li = render(m);
    if (prepend) {
      const older = list.querySelector(".chat-older");
      (older ? older.after(li) : list.prepend(li));
    } else {
      const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
      list.appendChild(li);
      if (nearBottom) list.scrollTop = list.scrollHeight;
    }
  }

  function showPresence() {
    presenceList.replaceChildren();
    [...new Set(presence.values())].sort().forEach((name) => {
      const li = document.createElement("li"); li.textContent = name; presenceList.appendChild(li);
    });
  }

  function showTyping() {
    const names = [...typing.values()].map((t) => t.name);
    typingLine.textContent = names.length ? root.dataset.textTyping.replace("%(names)s", names.join(", ")) : "";
  }

  function setWritable(writable, message) {
    if (form) form.querySelectorAll("textarea, button").forEach((el) => { el.disabled = !writable; });
    if (message !== undefined) status.textContent = message;
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }

  function onFrame(frame) {
    if (frame.room !== undefined && frame.room !== roomId && frame.type !== "chat.message") return;
    switch (frame.type) {
      case "chat.history":
        if (frame.mode === "older") [...frame.messages].reverse().forEach((m) => place(m, true));
        else frame.messages.forEach((m) => place(m, false));
        if (frame.closed) setWritable(false, root.dataset.textClosed);
        if (frame.mode === "missed" && frame.has_more) send({ type: "chat.join", room: roomId, last_id: lastId() });
        unacked.forEach((f) => send(f));
        break;
      case "chat.message":
        if (frame.message.room === roomId) place(frame.message, false);
        break;
      case "chat.ack":
        unacked.delete(frame.client_id);
        break;
      case "chat.deleted": {
        const li = document.getElementById("message-" + frame.id);
        if (li) li.remove();
        break;
      }
      case "chat.closed":
        setWritable(!frame.closed, frame.closed ? root.dataset.textClosed : "");
        break;
      case "chat.muted":
        if (frame.user_id === me) setWritable(!frame.muted, frame.muted ? root.dataset.textMuted : "");
        break;
      case "chat.presence":
        if (frame.present) presence.set(frame.key, frame.name); else presence.delete(frame.key);
        showPresence();
        break;
      case "chat.typing": {
        const old = typing.get(frame.user_id);
        if (old) clearTimeout(old.timer);
        typing.set(frame.user_id, { name: frame.name, timer: setTimeout(() => { typing.delete(frame.user_id); showTyping(); }, 4000) });
        showTyping();
        break;
      }
      case "error":
        if (frame.client_id) unacked.delete(frame.client_id);
        status.textContent = frame.message;
        break;
    }
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws/projects/" + root.dataset.project + "/");
    socket.addEventListener("open", () => {
      delay = 500;
      root.dataset.socket = "open";
      if (status.textContent === root.dataset.textOffline) status.textContent = "";
      presence.clear();
      const id = lastId();
      send(id ? { type: "chat.join", room: roomId, last_id: id } : { type: "chat.join", room: roomId });
    });
    socket.addEventListener("message", (event) => {
      try { onFrame(JSON.parse(event.data)); } catch (e) { /* ignore a bad frame */ }
    });
    socket.addEventListener("close", (event) => {
      root.dataset.socket = "closed";
      if (event.code === 4401 || event.code === 4403) return;
      status.textContent = root.dataset.textOffline;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15000);
    });
  }

  if (form) {
    const textarea = form.querySelector("textarea");
    form.addEventListener("submit", (event) => {
      const body = textarea.value.trim();
      if (!body || !socket || socket.readyState !== WebSocket.OPEN) return; // plain POST fallback
      event.preventDefault();
      const clientId = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
      const frame = { type: "chat.send", room: roomId, client_id: clientId, body };
      unacked.set(clientId, frame);
      send(frame);
      textarea.value = "";
      textarea.focus();
    });
    textarea.addEventListener("input", () => {
      const now = Date.now();
      if (now - lastTyping > 3000) { lastTyping = now; send({ type: "chat.typing", room: roomId }); }
    });
    textarea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
    });
  }
  list.scrollTop = list.scrollHeight;
  connect();
})();
