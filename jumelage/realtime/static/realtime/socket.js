// THE client WebSocket of Jumelage: one reconnecting connection per path, shared
// by every script of the page, with a prefix -> handler map (mirroring the
// server's realtime/registry.py). A page that shows the chat beside a video
// meeting opens ONE socket to /ws/projects/<id>/.
//
// Reconnects with exponential backoff and jitter. Close codes: 4401 (signed
// out) and 4403 (no longer allowed) stop for good; 1013 (server busy: Redis
// restarting) waits at least RETRY_LATER_MS first; anything else (network,
// server restart, 1012 rights changed) retries.
//
// Usage:
//   const s = JumelageSocket.connect("/ws/projects/7/");   // the page's one socket
//   const off = s.on("chat", {onOpen, onFrame, onClose});   // frames "chat.*" (and
//   s.send({type: "chat.join", room: 3});                  // errors about "chat.*")
//   off();                                                  // stop listening
// Handlers registered with "*" get every frame.
(() => {
  if (window.JumelageSocket) return; // included by several templates of one page: one module
  const FIRST_DELAY_MS = 500;
  const MAX_DELAY_MS = 30000;
  const RETRY_LATER_MS = 2000;
  const FINAL = new Set([4401, 4403]);
  const shared = new Map(); // path -> connection

  function prefixOf(frame) {
    // An error frame names the frame it answers ("about"), so it reaches that app.
    const type = frame.type === "error" ? (frame.about || "") : String(frame.type || "");
    return type.split(".")[0];
  }

  function open(path) {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const listeners = new Set(); // {prefix, handlers}
    let socket = null;
    let delay = FIRST_DELAY_MS;
    let stopped = false;
    let timer = null;

    function each(prefix, call) {
      [...listeners].forEach((l) => {
        if (prefix === null || l.prefix === "*" || l.prefix === prefix || prefix === "") call(l.handlers);
      });
    }

    function connect() {
      timer = null;
      socket = new WebSocket(scheme + location.host + path);
      socket.addEventListener("open", () => {
        delay = FIRST_DELAY_MS;
        each(null, (h) => { if (h.onOpen) h.onOpen(); });
      });
      socket.addEventListener("message", (event) => {
        let frame;
        try { frame = JSON.parse(event.data); } catch (e) { return; }
        each(prefixOf(frame), (h) => { if (h.onFrame) h.onFrame(frame); });
      });
      socket.addEventListener("close", (event) => {
        const retry = !stopped && !FINAL.has(event.code);
        each(null, (h) => { if (h.onClose) h.onClose(event, retry); });
        if (!retry) return;
        let wait = delay * (0.7 + Math.random() * 0.6);
        if (event.code === 1013) wait = Math.max(wait, RETRY_LATER_MS);
        delay = Math.min(delay * 2, MAX_DELAY_MS);
        timer = setTimeout(connect, wait);
      });
    }

    connect();
    return {
      on(prefix, handlers) {
        const listener = { prefix, handlers };
        listeners.add(listener);
        if (handlers.onOpen && socket && socket.readyState === WebSocket.OPEN) handlers.onOpen();
        return () => listeners.delete(listener);
      },
      send(frame) {
        if (socket && socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify(frame)); return true; }
        return false;
      },
      close() {
        stopped = true;
        shared.delete(path);
        if (timer) clearTimeout(timer);
        if (socket) socket.close();
      },
      get open() { return Boolean(socket && socket.readyState === WebSocket.OPEN); },
    };
  }

  function connect(path) {
    if (!shared.has(path)) shared.set(path, open(path));
    return shared.get(path);
  }

  window.JumelageSocket = { connect };
})();
