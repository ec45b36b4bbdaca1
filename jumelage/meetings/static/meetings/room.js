// Video meeting room: a WebRTC mesh, signalling over the project WebSocket.
// The newcomer offers to everyone already in the room; SDP is sent once ICE
// gathering is complete, so there are no separate candidate frames.
// Rooms for more participants go through the SFU (the server says "sfu": true):
// this page offers its own media once ("meeting.publish") and answers one offer
// per other participant, relayed by the server from Janus; speakers come first.
(() => {
  const root = document.getElementById("meeting");
  if (!root) return;
  const labels = JSON.parse(document.getElementById("meeting-labels").textContent);
  const roomId = Number(root.dataset.room);
  const canModerate = root.dataset.canModerate === "1";
  const status = document.getElementById("meeting-status");
  const videos = document.getElementById("videos");
  const localVideo = document.getElementById("local-video");
  const buttons = {};
  root.querySelectorAll("[data-action]").forEach((b) => { buttons[b.dataset.action] = b; });

  const peers = new Map(); // peer id -> {pc, li}
  // The page's one project socket (realtime/socket.js), shared with the chat beside the video.
  const socket = JumelageSocket.connect(root.dataset.wsPath);
  let stopListening = null; // set while in the call
  let joining = false; // "meeting.join" sent, its answer not yet here
  let ws = null;
  let localStream = null;
  let cameraTrack = null;
  let iceServers = [];
  let throughSfu = false;
  let publisher = null; // the SFU's connection that carries this page's media
  const icePolicy = root.dataset.icePolicy === "relay" ? "relay" : "all";
  const rtcConfig = () => ({ iceServers, iceTransportPolicy: icePolicy });

  const say = (text) => { status.textContent = text; };
  // Join is off while in the call (and back on after leaving or the end). Ending
  // the meeting for everyone is the page's form (meetings:room_end), not a button here.
  const setInCall = (inCall) => {
    buttons.join.disabled = inCall;
    ["mute", "camera", "share", "leave"].forEach((name) => {
      if (buttons[name]) buttons[name].disabled = !inCall;
    });
  };
  const send = (frame) => { if (ws) ws.send(frame); };

  function waitForGathering(pc) {
    if (pc.iceGatheringState === "complete") return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => { if (pc.iceGatheringState === "complete") { pc.removeEventListener("icegatheringstatechange", done); resolve(); } };
      pc.addEventListener("icegatheringstatechange", done);
      setTimeout(resolve, 4000);
    });
  }

  function addPeer(peerId, name) {
    if (peers.has(peerId)) {
      const known = peers.get(peerId);
      if (name) known.li.querySelector(".name").textContent = name;
      return known;
    }
    const pc = new RTCPeerConnection(rtcConfig());
    if (throughSfu) { /* receive only: the SFU offers this participant's streams */ }
    else if (localStream) localStream.getTracks().forEach((t) => pc.addTrack(t, localStream));
    else { pc.addTransceiver("audio", { direction: "recvonly" }); pc.addTransceiver("video", { direction: "recvonly" }); }
    const li = document.createElement("li");
    li.className = "remote";
    li.dataset.peer = String(peerId);
    li.dataset.state = "new";
    const video = document.createElement("video");
    video.autoplay = true;
    video.playsInline = true;
    const label = document.createElement("span");
    label.className = "name";
    label.textContent = name || "";
    li.append(video, label);
    if (canModerate) {
      const mute = document.createElement("button");
      mute.type = "button";
      mute.className = "remote-mute secondary";
      mute.textContent = labels.mute_participant;
      mute.addEventListener("click", () => send({ type: "meeting.mute", room: roomId, peer: peerId }));
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "remote-remove secondary";
      remove.textContent = labels.remove_participant;
      remove.addEventListener("click", () => send({ type: "meeting.remove", room: roomId, peer: peerId }));
      li.append(mute, remove);
    }
    videos.append(li);
    pc.addEventListener("track", (event) => {
      video.srcObject = event.streams[0] || new MediaStream([event.track]);
      li.dataset.tracks = String(video.srcObject.getTracks().length);
    });
    const peer = { pc, li };
    pc.addEventListener("connectionstatechange", () => {
      li.dataset.state = pc.connectionState;
      if (pc.connectionState === "connected") peer.connected = true;
      if (pc.connectionState === "failed" && throughSfu && peers.get(peerId) === peer) resubscribe(peerId);
    });
    peers.set(peerId, peer);
    if (throughSfu) watch(peerId, peer, (p) => p.subscription, OFFER_WITHIN_MS);
    return peer;
  }

  const gone = new Set(); // seats that left: a late offer from the SFU must not bring them back
  function peerLeft(peerId) {
    gone.add(peerId);
    removePeer(peerId);
  }

  // Also on this page's own hang-up or reconnection: the others have not left, and
  // their offers after the next join must be answered.
  function removePeer(peerId) {
    const peer = peers.get(peerId);
    if (!peer) return;
    peer.pc.close();
    peer.li.remove();
    peers.delete(peerId);
  }

  // A connection to one participant's media that failed (the network changed, the
  // machine was too busy to answer in time) is made again: the SFU offers that
  // participant afresh, a few times per join, rather than leaving a black tile.
  const resubscribed = new Map(); // peer id -> tries since this page joined
  // peer id -> the SFU subscriptions this page gave up: an offer of one of them,
  // still on its way when it was replaced, is dropped rather than answered.
  const replaced = new Map();
  function retire(peerId, peer) {
    if (!peer.subscription) return;
    if (!replaced.has(peerId)) replaced.set(peerId, new Set());
    replaced.get(peerId).add(peer.subscription);
  }
  function resubscribe(peerId) {
    const peer = peers.get(peerId);
    const tries = (resubscribed.get(peerId) || 0) + 1;
    if (!peer || tries > 3) return;
    resubscribed.set(peerId, tries);
    const name = peer.li.querySelector(".name").textContent;
    retire(peerId, peer);
    removePeer(peerId);
    addPeer(peerId, name);
    send({ type: "meeting.resubscribe", room: roomId, peer: peerId });
  }

  // A participant whose offer has not come this long after their tile appeared, or
  // whose media are not connected this long after this page answered, is asked for
  // again, as after a failure: an offer lost on its way, or checks lost on a
  // congested network or a busy machine, leave a connection "new" or "connecting"
  // without ever failing, and the tile black.
  const OFFER_WITHIN_MS = 30000;
  const CONNECT_WITHIN_MS = 20000;
  function watch(peerId, peer, done, within) {
    setTimeout(() => {
      if (peers.get(peerId) === peer && !done(peer)) resubscribe(peerId);
    }, within);
  }

  async function call(peerId, name) {
    const { pc } = addPeer(peerId, name);
    await pc.setLocalDescription(await pc.createOffer());
    await waitForGathering(pc);
    send({ type: "meeting.signal", room: roomId, to: peerId, data: { type: "offer", sdp: pc.localDescription.sdp } });
  }

  async function onSignal(from, data) {
    if (data.type === "offer" && throughSfu) {
      await answerSfu(from, data);
    } else if (data.type === "offer") {
      if (gone.has(from)) return;
      const { pc } = addPeer(from, "");
      await pc.setRemoteDescription({ type: "offer", sdp: data.sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      await waitForGathering(pc);
      send({ type: "meeting.signal", room: roomId, to: from, data: { type: "answer", sdp: pc.localDescription.sdp } });
    } else if (data.type === "answer" && peers.has(from)) {
      await peers.get(from).pc.setRemoteDescription({ type: "answer", sdp: data.sdp });
    }
  }

  // Each offer of the SFU opens one subscription to a participant's media, on a
  // connection of its own: a second subscription (the SFU retried, or this page asked
  // again) gets a fresh connection, and the answer names the subscription it answers.
  async function answerSfu(from, data) {
    const sub = data.subscription;
    if (gone.has(from) || (sub && (replaced.get(from) || new Set()).has(sub))) return;
    let peer = peers.get(from);
    if (peer && peer.subscription && peer.subscription !== sub) {
      const name = peer.li.querySelector(".name").textContent;
      retire(from, peer);
      removePeer(from);
      peer = addPeer(from, name);
    }
    if (!peer) peer = addPeer(from, "");
    peer.subscription = sub || "-";
    const { pc } = peer;
    try {
      await pc.setRemoteDescription({ type: "offer", sdp: data.sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      await waitForGathering(pc);
    } catch (error) {
      if (peers.get(from) === peer) throw error;
    }
    if (peers.get(from) !== peer) return; // replaced meanwhile: its connection is closed
    send({ type: "meeting.signal", room: roomId, to: from, data: { type: "answer", sdp: pc.localDescription.sdp, subscription: sub } });
    watch(from, peer, (p) => p.connected, CONNECT_WITHIN_MS);
  }

  // The SFU receives this page's media on one connection, with two simulcast
  // layers: the others get the low one unless this participant is speaking.
  async function publish() {
    publisher = new RTCPeerConnection(rtcConfig());
    if (localStream) {
      localStream.getAudioTracks().forEach((t) => publisher.addTransceiver(t, { direction: "sendonly", streams: [localStream] }));
      localStream.getVideoTracks().forEach((t) => publisher.addTransceiver(t, {
        direction: "sendonly",
        streams: [localStream],
        sendEncodings: [
          { rid: "l", scaleResolutionDownBy: 2, maxBitrate: 150000 },
          { rid: "h", maxBitrate: 500000 },
        ],
      }));
    }
    publisher.addEventListener("connectionstatechange", () => { root.dataset.published = publisher ? publisher.connectionState : ""; });
    if (!localStream) return;
    await publisher.setLocalDescription(await publisher.createOffer());
    await waitForGathering(publisher);
    send({ type: "meeting.publish", room: roomId, data: { type: "offer", sdp: publisher.localDescription.sdp } });
  }

  function speaking(peerId, talking) {
    const peer = peers.get(peerId);
    if (!peer) return;
    peer.li.dataset.speaking = talking ? "1" : "0";
    if (talking) { speakerRank += 1; peer.li.style.order = String(-speakerRank); }
  }
  let speakerRank = 0;

  function hangUp(message) {
    joining = false;
    if (publisher) { publisher.close(); publisher = null; }
    [...peers.keys()].forEach(removePeer);
    if (localStream) localStream.getTracks().forEach((t) => t.stop());
    localStream = null;
    localVideo.srcObject = null;
    if (stopListening) { stopListening(); stopListening = null; }
    ws = null;
    setInCall(false);
    say(message);
  }

  async function join() {
    buttons.join.disabled = true;
    say(labels.connecting);
    try {
      // Big rooms (SFU): a smaller camera picture, for a school's bandwidth and CPU.
      const video = root.dataset.sfu === "1" ? { width: 640, height: 360, frameRate: 15 } : true;
      localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video });
      cameraTrack = localStream.getVideoTracks()[0] || null;
      localVideo.srcObject = localStream;
    } catch (error) {
      localStream = null;
      say(labels.no_media);
    }
    // The socket comes back by itself (realtime/socket.js, backoff): on each
    // (re)connection, join again and call whoever is in the room.
    ws = socket;
    stopListening = socket.on("meeting", {
      onOpen: () => { joining = true; send({ type: "meeting.join", room: roomId }); },
      onClose: (event, willRetry) => {
        if (!ws) return;
        if (!willRetry) { hangUp(labels.disconnected); return; }
        [...peers.keys()].forEach(removePeer);
        if (publisher) { publisher.close(); publisher = null; }
        say(labels.reconnecting);
      },
      onFrame: onMessage,
    });
  }

  async function onMessage(msg) {
    if (msg.type === "error") {
      // While a join is on its way, an error about another frame answers one sent
      // before it (an answer racing a teacher's removal): stale, it must not end this join.
      if (joining && msg.about !== "meeting.join") return;
      if (msg.code && msg.code.startsWith("meeting")) hangUp(msg.message);
      return;
    }
    if (msg.room !== roomId) return;
    switch (msg.type) {
      case "meeting.joined":
        joining = false;
        resubscribed.clear();
        replaced.clear();
        iceServers = msg.ice_servers || [];
        throughSfu = !!msg.sfu;
        setInCall(true);
        say(msg.peers.length ? labels.joined : labels.alone);
        if (throughSfu) { msg.peers.forEach((p) => addPeer(p.peer, p.name)); await publish(); }
        else for (const p of msg.peers) await call(p.peer, p.name);
        break;
      case "meeting.published":
        if (publisher) await publisher.setRemoteDescription(msg.data);
        break;
      case "meeting.talking":
        speaking(msg.peer, msg.talking);
        break;
      case "meeting.removed":
        hangUp(labels.removed);
        break;
      case "meeting.peer_joined":
        say(labels.joined);
        addPeer(msg.peer, msg.name);
        break;
      case "meeting.signal":
        await onSignal(msg.from, msg.data);
        break;
      case "meeting.peer_left":
        peerLeft(msg.peer);
        break;
      case "meeting.force_mute":
        if (localStream) localStream.getAudioTracks().forEach((t) => { t.enabled = false; });
        buttons.mute.setAttribute("aria-pressed", "true");
        buttons.mute.textContent = labels.unmute;
        say(labels.muted_by_teacher);
        break;
      case "meeting.ended":
        hangUp(labels.ended);
        break;
      default:
        break;
    }
  }

  function toggleTracks(kind, button, offLabel, onLabel) {
    if (!localStream) return;
    const tracks = kind === "audio" ? localStream.getAudioTracks() : localStream.getVideoTracks();
    const nowOff = button.getAttribute("aria-pressed") !== "true";
    tracks.forEach((t) => { t.enabled = !nowOff; });
    button.setAttribute("aria-pressed", String(nowOff));
    button.textContent = nowOff ? onLabel : offLabel;
  }

  async function toggleShare() {
    const sharing = buttons.share.getAttribute("aria-pressed") === "true";
    let track = cameraTrack;
    if (!sharing) {
      try {
        const screen = await navigator.mediaDevices.getDisplayMedia({ video: true });
        track = screen.getVideoTracks()[0];
        track.addEventListener("ended", () => { if (buttons.share.getAttribute("aria-pressed") === "true") toggleShare(); });
      } catch (error) { return; }
    }
    [...peers.values(), ...(publisher ? [{ pc: publisher }] : [])].forEach(({ pc }) => {
      const sender = pc.getSenders().find((s) => s.track && s.track.kind === "video");
      if (sender) sender.replaceTrack(track);
    });
    localVideo.srcObject = new MediaStream([track, ...(localStream ? localStream.getAudioTracks() : [])]);
    buttons.share.setAttribute("aria-pressed", String(!sharing));
    buttons.share.textContent = sharing ? labels.share : labels.stop_share;
  }

  // For the tests and the capacity benchmark: the connections' getStats().
  window.jumelageMeeting = {
    peers: () => [...peers.values()].map((p) => p.pc),
    peer: (peerId) => (peers.get(Number(peerId)) || {}).pc,
    publisher: () => publisher,
    resubscribe,
  };

  buttons.join.addEventListener("click", join);
  buttons.leave.addEventListener("click", () => { send({ type: "meeting.leave", room: roomId }); hangUp(labels.left); });
  buttons.mute.addEventListener("click", () => toggleTracks("audio", buttons.mute, labels.mute, labels.unmute));
  buttons.camera.addEventListener("click", () => toggleTracks("video", buttons.camera, labels.camera_off, labels.camera_on));
  buttons.share.addEventListener("click", toggleShare);
  say("");
})();
