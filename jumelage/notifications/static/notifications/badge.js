// Live notification badge over /ws/me/ (progressive enhancement: the link works without it).
// Other scripts listen to "jumelage:me" events on document for their own frames.
(() => {
  const badge = document.getElementById("notification-badge");
  if (!badge || !window.WebSocket) return;
  const count = badge.querySelector(".badge-count");
  let delay = 1000;

  function show(n) {
    count.textContent = n > 0 ? String(n) : "";
    const label = n === 1 ? badge.dataset.labelOne : badge.dataset.labelMany.replace("%(count)s", n);
    badge.dataset.unread = String(n);
    if (n > 0) badge.setAttribute("title", label); else badge.removeAttribute("title");
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + badge.dataset.wsPath);
    socket.addEventListener("open", () => { delay = 1000; });
    socket.addEventListener("message", (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      if (frame.type === "notifications.unread") show(frame.count);
      document.dispatchEvent(new CustomEvent("jumelage:me", { detail: frame }));
    });
    socket.addEventListener("close", (event) => {
      if (event.code === 4401 || event.code === 4403) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    });
  }
  connect();
})();
