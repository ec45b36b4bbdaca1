// A WebSocket that comes back: reconnects with exponential backoff and jitter.
// Close codes: 4401 (signed out) and 4403 (no longer allowed) stop for good;
// 1013 (server busy: Redis restarting) waits at least RETRY_LATER_MS first;
// anything else (network, server restart, 1012 rights changed) retries.
// Usage: const s = JumelageSocket.open("/ws/...", {onOpen, onFrame, onClose});
//        s.send({type: "..."}); s.close();
(() => {
  const FIRST_DELAY_MS = 500;
  const MAX_DELAY_MS = 30000;
  const RETRY_LATER_MS = 2000;
  const FINAL = new Set([4401, 4403]);

  function open(path, handlers = {}) {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    let socket = null;
    let delay = FIRST_DELAY_MS;
    let stopped = false;
    let timer = null;

    function connect() {
      timer = null;
      socket = new WebSocket(scheme + location.host + path);
      socket.addEventListener("open", () => {
        delay = FIRST_DELAY_MS;
        if (handlers.onOpen) handlers.onOpen();
      });
      socket.addEventListener("message", (event) => {
        let frame;
        try { frame = JSON.parse(event.data); } catch (e) { return; }
        if (handlers.onFrame) handlers.onFrame(frame);
      });
      socket.addEventListener("close", (event) => {
        const retry = !stopped && !FINAL.has(event.code);
        if (handlers.onClose) handlers.onClose(event, retry);
        if (!retry) return;
        let wait = delay * (0.7 + Math.random() * 0.6);
        if (event.code === 1013) wait = Math.max(wait, RETRY_LATER_MS);
        delay = Math.min(delay * 2, MAX_DELAY_MS);
        timer = setTimeout(connect, wait);
      });
    }

    connect();
    return {
      send(frame) {
        if (socket && socket.readyState === WebSocket.OPEN) { socket.send(JSON.stringify(frame)); return true; }
        return false;
      },
      close() {
        stopped = true;
        if (timer) clearTimeout(timer);
        if (socket) socket.close();
      },
      get open() { return Boolean(socket && socket.readyState === WebSocket.OPEN); },
    };
  }

  window.JumelageSocket = { open };
})();
