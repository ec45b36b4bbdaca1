// A training event's live room (training/live.py): an SFU room on the personal
// socket (/ws/me/). Presenters publish camera and microphone; attendees only
// receive, raise a hand, and publish their microphone while given the floor.
// Janus' offers arrive as the meetings' frames ("meeting.signal", "meeting.published").
(() => {
  const root = document.getElementById("live");
  if (!root) return;
  const labels = JSON.parse(document.getElementById("live-labels").textContent);
  const eventId = Number(root.dataset.event);
  const presenter = root.dataset.presenter === "1";
  const status = document.getElementById("live-status");
  const videos = document.getElementById("videos");
  const hands = document.getElementById("hands");
  const localVideo = document.getElementById("local-video");
  const buttons = {};
  root.querySelectorAll("[data-action]").forEach((b) => { buttons[b.dataset.action] = b; });
  const icePolicy = root.dataset.icePolicy === "relay" ? "relay" : "all";
  const socket = JumelageSocket.connect(root.dataset.wsPath);
  const peers = new Map(); // peer (seat) id -> {pc, li}
  let iceServers = [];
  let listening = [];
  let inRoom = false;
  let publisher = null;
  let localStream = null;
  let raised = false;

  const say = (text) => { status.textContent = text; };
  const send = (frame) => { if (inRoom) socket.send({ event: eventId, ...frame }); };
  const rtcConfig = () => ({ iceServers, iceTransportPolicy: icePolicy });

  function setInRoom(on) {
    inRoom = on;
    buttons.join.disabled = on;
    buttons.leave.disabled = !on;
    if (buttons.hand) buttons.hand.disabled = !on;
  }

  function waitForGathering(pc) {
    if (pc.iceGatheringState === "complete") return Promise.resolve();
    return new Promise((resolve) => {
      pc.addEventListener("icegatheringstatechange", () => { if (pc.iceGatheringState === "complete") resolve(); });
      setTimeout(resolve, 4000);
    });
  }

  function removePeer(peerId) {
    const peer = peers.get(peerId);
    if (!peer) return;
    peer.pc.close();
    peer.li.remove();
    peers.delete(peerId);
  }

  // Every offer from the SFU is a new subscription (the presenter's stream, or the voice
  // of one given the floor, perhaps again): it replaces the previous one of that peer.
  function addPeer(peerId) {
    removePeer(peerId);
    const pc = new RTCPeerConnection(rtcConfig());
    const li = document.createElement("li");
    li.className = "remote";
    li.dataset.peer = String(peerId);
    const video = document.createElement("video");
    video.autoplay = true;
    video.playsInline = true;
    li.append(video);
    videos.append(li);
    pc.addEventListener("track", (event) => {
      video.srcObject = event.streams[0] || new MediaStream([event.track]);
      li.dataset.tracks = String(video.srcObject.getTracks().length);
    });
    pc.addEventListener("connectionstatechange", () => {
      li.dataset.state = pc.connectionState;
      if (pc.connectionState === "failed" && peers.get(peerId) === peer) removePeer(peerId);
    });
    const peer = { pc, li };
    peers.set(peerId, peer);
    return peer;
  }

  async function onOffer(from, data) {
    const { pc } = addPeer(from);
    await pc.setRemoteDescription({ type: "offer", sdp: data.sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await waitForGathering(pc);
    send({ type: "live.answer", from, data: { type: "answer", sdp: pc.localDescription.sdp } });
  }

  // Presenters: camera and microphone; an attendee given the floor: microphone only.
  async function publish(withVideo) {
    try {
      const video = withVideo ? { width: 640, height: 360, frameRate: 15 } : false;
      localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video });
    } catch (error) { say(labels.no_media); return; }
    if (localVideo) localVideo.srcObject = localStream;
    publisher = new RTCPeerConnection(rtcConfig());
    localStream.getTracks().forEach((t) => publisher.addTransceiver(t, { direction: "sendonly", streams: [localStream] }));
    publisher.addEventListener("connectionstatechange", () => { root.dataset.published = publisher ? publisher.connectionState : ""; });
    await publisher.setLocalDescription(await publisher.createOffer());
    await waitForGathering(publisher);
    send({ type: "live.publish", data: { type: "offer", sdp: publisher.localDescription.sdp } });
  }

  function unpublish() {
    if (publisher) { publisher.close(); publisher = null; }
    if (localStream) localStream.getTracks().forEach((t) => t.stop());
    localStream = null;
    root.dataset.published = "";
  }

  function showQueue(queue) {
    if (!hands) return;
    hands.replaceChildren(...queue.map((entry) => {
      const li = document.createElement("li");
      li.dataset.peer = String(entry.peer);
      li.textContent = entry.name + " ";
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = entry.floor ? labels.take_floor : labels.give_floor;
      button.addEventListener("click", () => send({ type: "live.floor", peer: entry.peer, give: !entry.floor }));
      li.append(button);
      return li;
    }));
  }

  function hangUp(message) {
    unpublish();
    [...peers.keys()].forEach(removePeer);
    listening.forEach((off) => off());
    listening = [];
    setInRoom(false);
    say(message);
  }

  async function onFrame(msg) {
    if (msg.type === "error") { if (msg.code && msg.code.startsWith("live_")) { if (inRoom && msg.code !== "live_no_floor") hangUp(msg.message); else say(msg.message); } return; }
    if (msg.event !== undefined && msg.event !== eventId) return;
    switch (msg.type) {
      case "live.joined":
        iceServers = msg.ice_servers || [];
        say(labels.joined);
        showQueue(msg.queue || []);
        if (presenter) await publish(true);
        break;
      case "live.queue": showQueue(msg.queue); break;
      case "live.hand":
        raised = msg.raised;
        buttons.hand.setAttribute("aria-pressed", String(raised));
        buttons.hand.textContent = raised ? labels.lower : labels.raise;
        break;
      case "live.floor":
        raised = false;
        if (buttons.hand) { buttons.hand.setAttribute("aria-pressed", "false"); buttons.hand.textContent = labels.raise; }
        if (msg.floor) { say(labels.floor); await publish(false); } else { unpublish(); say(labels.floor_taken); }
        break;
      case "meeting.published": if (publisher) await publisher.setRemoteDescription(msg.data); break;
      case "meeting.signal": if (msg.data && msg.data.type === "offer") await onOffer(msg.from, msg.data); break;
      case "meeting.talking": {
        const peer = peers.get(msg.peer);
        if (peer) peer.li.dataset.speaking = msg.talking ? "1" : "0";
        break;
      }
      default: break;
    }
  }

  function join() {
    say(labels.connecting);
    setInRoom(true);
    const onOpen = () => socket.send({ type: "live.join", event: eventId });
    const onClose = (event, willRetry) => { if (!willRetry) hangUp(labels.disconnected); };
    listening = [socket.on("live", { onOpen, onClose, onFrame }), socket.on("meeting", { onFrame })];
  }

  window.jumelageLive = { peers: () => [...peers.values()].map((p) => p.pc), publisher: () => publisher };
  buttons.join.addEventListener("click", join);
  buttons.leave.addEventListener("click", () => { send({ type: "live.leave" }); hangUp(labels.left); });
  if (buttons.hand) buttons.hand.addEventListener("click", () => send({ type: "live.hand", raised: !raised }));
  say("");
})();
