// Live chat over the project WebSocket (the page's one connection, shared through
// realtime/socket.js, loaded first). Without this file the room page still
// works: history is server-rendered and the form posts normally.
(() => {
  const root = document.getElementById("chat");
  if (!root || !window.WebSocket || !window.JumelageSocket) return;
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
  // Times in the reader's language and zone, as the server renders them on reload
  // (<html lang data-time-zone>; English is day-first and 24 h: en-GB).
  const html = document.documentElement;
  const clock = new Intl.DateTimeFormat(html.lang === "en" ? "en-GB" : html.lang, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23", // as the server's "H:i"
    timeZone: html.dataset.timeZone || undefined,
  });
  const socket = JumelageSocket.connect("/ws/projects/" + root.dataset.project + "/");
  let lastTyping = 0;
  // Resume cursor: the room's change number up to which every change has been
  // seen. It moves only over a contiguous run of numbers (each change reaches
  // every joined client as chat.message or chat.removed), so an event that was
  // lost or overtaken is fetched again on resume; ids are never the cursor.
  let cursor = root.dataset.cursor ? Number(root.dataset.cursor) : null;
  const numbers = new Set(); // change numbers seen above the cursor
  const removedAt = new Map(); // id -> number of its removal (a late older event must not revive it)
  let gapTimer = null;

  function advance() {
    while (cursor !== null && numbers.has(cursor + 1)) { numbers.delete(cursor + 1); cursor += 1; }
    numbers.forEach((n) => { if (cursor !== null && n <= cursor) numbers.delete(n); });
    if (gapTimer) { clearTimeout(gapTimer); gapTimer = null; }
    if (numbers.size) gapTimer = setTimeout(resume, 3000); // a gap that lasts: ask again
  }

  function seen(seq) {
    if (typeof seq === "number" && (cursor === null || seq > cursor)) numbers.add(seq);
  }

  function resume() {
    gapTimer = null;
    send(cursor === null ? { type: "chat.join", room: roomId } : { type: "chat.join", room: roomId, since: cursor });
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
    button.className = "secondary";  // quieter than "Send" (issue 14)
    f.appendChild(button);
    return f;
  }

  function render(m) {
    const li = document.createElement("li");
    li.className = "chat-message" + (m.visibility === "pending" ? " pending" : "");
    li.id = "message-" + m.id;
    li.dataset.id = m.id;
    li.dataset.seq = m.seq;
    li.dataset.clientId = m.client_id;
    const author = document.createElement("span");
    author.className = "chat-author"; author.textContent = m.author;
    const time = document.createElement("time");
    time.dateTime = m.created_at;
    time.textContent = clock.format(new Date(m.created_at));
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

  // One element per message id; a newer change number replaces it, an older one is ignored.
  function place(m, prepend) {
    if ((removedAt.get(m.id) || 0) >= m.seq) return;
    const existing = document.getElementById("message-" + m.id);
    if (existing) {
      if (Number(existing.dataset.seq || 0) < m.seq) existing.replaceWith(render(m));
      return;
    }
    const li = render(m);
    if (prepend) {
      const older = list.querySelector(".chat-older");
      (older ? older.after(li) : list.prepend(li));
      return;
    }
    // In id order: a message approved while away belongs where it was written.
    const later = [...list.querySelectorAll(".chat-message[data-id]")].find((el) => Number(el.dataset.id) > m.id);
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    if (later) list.insertBefore(li, later); else list.appendChild(li);
    if (nearBottom && !later) list.scrollTop = list.scrollHeight;
  }

  function removeMessage(id, seq) {
    removedAt.set(id, Math.max(removedAt.get(id) || 0, seq));
    const li = document.getElementById("message-" + id);
    if (li && Number(li.dataset.seq || 0) < seq) li.remove();
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
    socket.send(frame);
  }

  function onFrame(frame) {
    if (frame.room !== undefined && frame.room !== roomId && frame.type !== "chat.message") return;
    switch (frame.type) {
      case "chat.history":
        if (frame.mode === "older") { [...frame.messages].reverse().forEach((m) => place(m, true)); break; }
        frame.messages.forEach((m) => place(m, false));
        (frame.removed || []).forEach((r) => removeMessage(r.id, r.seq));
        if (frame.mode === "recent" || cursor === null) cursor = frame.cursor; // a fresh start
        else cursor = Math.max(cursor, frame.cursor);
        advance();
        if (frame.closed) setWritable(false, root.dataset.textClosed);
        if (frame.has_more) resume();
        else unacked.forEach((f) => send(f));
        break;
      case "chat.message":
        if (frame.message.room !== roomId) break;
        place(frame.message, false);
        seen(frame.message.seq);
        advance();
        break;
      case "chat.removed":
        removeMessage(frame.id, frame.seq);
        seen(frame.seq);
        advance();
        break;
      case "chat.ack":
        unacked.delete(frame.client_id);
        break;
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
        // One frame lists everyone who typed in the room meanwhile (coalesced server-side).
        for (const user of frame.users) {
          const old = typing.get(user.user_id);
          if (old) clearTimeout(old.timer);
          typing.set(user.user_id, { name: user.name, timer: setTimeout(() => { typing.delete(user.user_id); showTyping(); }, 4000) });
        }
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
    socket.on("chat", {
      onOpen: () => {
        root.dataset.socket = "open";
        if (status.textContent === root.dataset.textOffline) status.textContent = "";
        presence.clear();
        resume();
      },
      onFrame: (frame) => {
        try { onFrame(frame); } catch (e) { /* ignore a bad frame */ }
      },
      onClose: (event, retry) => {
        root.dataset.socket = "closed";
        if (retry) status.textContent = root.dataset.textOffline;
      },
    });
  }

  if (form) {
    const textarea = form.querySelector("textarea");
    form.addEventListener("submit", (event) => {
      const body = textarea.value.trim();
      if (!body || !socket.open) return; // plain POST fallback
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
