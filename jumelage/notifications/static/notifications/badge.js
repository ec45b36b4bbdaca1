// Live notification badge over /ws/me/ (progressive enhancement: the link works without it).
// The connection is realtime/socket.js's (one reconnect loop for every script).
// Other scripts listen to "jumelage:me" events on document for their own frames.
(() => {
  const badge = document.getElementById("notification-badge");
  if (!badge || !window.WebSocket || !window.JumelageSocket) return;
  const count = badge.querySelector(".badge-count");

  function show(n) {
    count.textContent = n > 0 ? String(n) : "";
    const label = n === 1 ? badge.dataset.labelOne : badge.dataset.labelMany.replace("%(count)s", n);
    badge.dataset.unread = String(n);
    if (n > 0) badge.setAttribute("title", label); else badge.removeAttribute("title");
  }

  JumelageSocket.connect(badge.dataset.wsPath).on("*", {
    onFrame: (frame) => {
      if (frame.type === "notifications.unread") show(frame.count);
      document.dispatchEvent(new CustomEvent("jumelage:me", { detail: frame }));
    },
  });
})();
