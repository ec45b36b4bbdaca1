"""SFU capacity: how many fake-device participants one Janus process carries before audio drops.

Starts Janus with the platform's configuration (jumelage/meetings/sfu.py), then,
for growing room sizes N, opens N Chromium pages with fake camera and microphone
(one browser, one context per participant). Each page publishes audio and a
low-resolution video (as the meeting page does in an SFU room) and receives,
as the active-speaker grid does, the audio of everyone and the video of at most
GRID others. This script plays the platform's part (tokens, pins, SDP relay
through Playwright's exposed functions): the browsers never hold a Janus secret.

Measured over a window once all are connected, from getStats() of every page:
inbound audio packet loss (%) and jitter (ms, p95 over streams), and Janus' CPU
time per second. "Audio drops" when loss > 2 % or jitter p95 > 30 ms; the last
size below that is the figure. Browsers run on the same box as Janus: on 2
cores the browsers' decoding is the first limit, so the figure is a floor.

    .venv/bin/python bench/sfu_capacity.py --sizes 4,8,12,16,20,25 --write
"""

import argparse
import contextlib
import itertools
import json
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## SFU capacity (Janus, fake-device participants)"
GRID = 4
SUBSCRIBE_TRIES = 20  # 0.5 s apart, while Janus still says "No such feed"
LOSS_LIMIT, JITTER_LIMIT_MS = 2.0, 30.0
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--disable-features=WebRtcHideLocalIpsWithMdns",
    "--allow-loopback-in-peer-connection",
]

PAGE_JS = """
window.bench = {
  async publish() {
    const stream = await navigator.mediaDevices.getUserMedia(
      {audio: true, video: {width: 320, height: 240, frameRate: 15}});
    const pc = new RTCPeerConnection();
    stream.getTracks().forEach((t) => pc.addTransceiver(t, {direction: "sendonly", streams: [stream]}));
    await pc.setLocalDescription(await pc.createOffer());
    await new Promise((r) => { if (pc.iceGatheringState === "complete") r();
      pc.onicegatheringstatechange = () => pc.iceGatheringState === "complete" && r(); setTimeout(r, 3000); });
    const answer = await window.janusPublish(pc.localDescription.sdp);
    await pc.setRemoteDescription({type: "answer", sdp: answer});
    window.bench.pub = pc;
  },
  async subscribe(offer) {
    const pc = new RTCPeerConnection();
    await pc.setRemoteDescription({type: "offer", sdp: offer});
    await pc.setLocalDescription(await pc.createAnswer());
    await new Promise((r) => { if (pc.iceGatheringState === "complete") r();
      pc.onicegatheringstatechange = () => pc.iceGatheringState === "complete" && r(); setTimeout(r, 3000); });
    window.bench.sub = pc;
    return pc.localDescription.sdp;
  },
  async audio() {
    const out = [];
    (await window.bench.sub.getStats()).forEach((s) => {
      if (s.type === "inbound-rtp" && s.kind === "audio")
        out.push({lost: s.packetsLost || 0, received: s.packetsReceived || 0, jitter: s.jitter || 0});
    });
    return out;
  },
  connected() { return window.bench.sub && window.bench.sub.connectionState === "connected"
                && window.bench.pub.connectionState === "connected"; },
};
"""


class JanusSession:
    """A participant's Janus session, held by the benchmark (the platform's role)."""

    def __init__(self, url: str, token: str, room: int, pin: str):
        self.url, self.token, self.room, self.pin = url, token, room, pin
        self.client = httpx.Client(timeout=40)
        self.session = self.post("", {"janus": "create"})["data"]["id"]
        self.feed = None

    def post(self, path, body):
        body = {"transaction": secrets.token_hex(4), "token": self.token, **body}
        return self.client.post(self.url + path, json=body).json()

    def attach(self) -> int:
        plugin = "janus.plugin.videoroom"
        return self.post(f"/{self.session}", {"janus": "attach", "plugin": plugin})["data"]["id"]

    def event(self, handle: int, want_jsep: bool = True) -> dict:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            events = self.client.get(
                f"{self.url}/{self.session}", params={"token": self.token, "maxev": 5}
            ).json()
            for event in events if isinstance(events, list) else [events]:
                data = (event.get("plugindata") or {}).get("data") or {}
                if event.get("sender") == handle and data.get("error_code"):
                    raise RuntimeError(f"Janus: {data['error']}")
                if event.get("sender") == handle and (event.get("jsep") or not want_jsep):
                    return event
        raise RuntimeError("Janus did not answer")

    def publish(self, sdp: str) -> str:
        handle = self.attach()
        join = {"request": "joinandconfigure", "ptype": "publisher", "room": self.room}
        self.post(
            f"/{self.session}/{handle}",
            {
                "janus": "message",
                "body": {**join, "pin": self.pin, "audio": True, "video": True},
                "jsep": {"type": "offer", "sdp": sdp},
            },
        )
        event = self.event(handle)
        self.feed = event["plugindata"]["data"]["id"]
        return event["jsep"]["sdp"]

    def subscribe(self, feeds: list[int]) -> tuple[int, str]:
        streams = [{"feed": f, "mid": "0"} for f in feeds]  # everyone's audio
        streams += [{"feed": f, "mid": "1"} for f in feeds[:GRID]]  # the grid's video
        body = {"request": "join", "ptype": "subscriber", "room": self.room, "pin": self.pin}
        # A browser may see its connection up before Janus has set the publisher's media
        # up, and Janus answers "No such feed" until then: try again, as the platform does
        # (meetings/sfu_signalling.py), on a fresh handle.
        for attempt in itertools.count():
            handle = self.attach()
            self.post(
                f"/{self.session}/{handle}",
                {"janus": "message", "body": {**body, "streams": streams}},
            )
            try:
                return handle, self.event(handle)["jsep"]["sdp"]
            except RuntimeError as error:
                if "No such feed" not in str(error) or attempt == SUBSCRIBE_TRIES - 1:
                    raise
                self.post(f"/{self.session}/{handle}", {"janus": "detach"})
                time.sleep(0.5)

    def start(self, handle: int, sdp: str) -> None:
        self.post(
            f"/{self.session}/{handle}",
            {
                "janus": "message",
                "body": {"request": "start"},
                "jsep": {"type": "answer", "sdp": sdp},
            },
        )

    def close(self):
        self.post(f"/{self.session}", {"janus": "destroy"})
        self.client.close()


def start_janus(port: int, rtp: str) -> tuple[subprocess.Popen, dict]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    from jumelage.meetings import sfu

    folder = Path(tempfile.mkdtemp(prefix="janus-bench-"))
    conf = {"token_secret": secrets.token_hex(16), "admin_key": secrets.token_hex(16)}
    sfu.write_config(folder, http_port=port, rtp_range=rtp, **conf)
    log = open(folder / "janus.log", "w")  # noqa: SIM115 - lives as long as Janus
    binary = shutil.which("janus") or "janus"
    proc = subprocess.Popen(
        [binary, "-C", str(folder / "janus.jcfg"), "-F", str(folder)], stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}/janus"
    for _ in range(100):
        try:
            httpx.get(url + "/info", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    return proc, {"url": url, **conf}


def sign(secret: str) -> str:
    import base64
    import hashlib
    import hmac

    data = f"{int(time.time()) + 3600},janus,janus.plugin.videoroom"
    digest = base64.b64encode(hmac.new(secret.encode(), data.encode(), hashlib.sha1).digest())
    return f"{data}:{digest.decode()}"


def create_room(janus: dict, room: int, pin: str, size: int) -> None:
    admin = JanusSession(janus["url"], sign(janus["token_secret"]), room, pin)
    handle = admin.attach()
    body = {
        "request": "create",
        "room": room,
        "admin_key": janus["admin_key"],
        "pin": pin,
        "publishers": size,
        "bitrate": 256000,
    }
    admin.post(f"/{admin.session}/{handle}", {"janus": "message", "body": body})
    admin.close()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(pages, expression: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not all(p.evaluate(expression) for p in pages):
        if time.monotonic() > deadline:
            raise RuntimeError(f"not every participant reached: {expression}")
        time.sleep(0.3)


def run_size(browser, janus: dict, janus_pid: int, size: int, window: float) -> dict:
    room, pin = 7_000_000 + size, secrets.token_hex(8)
    create_room(janus, room, pin, size)
    token = sign(janus["token_secret"])
    sessions, pages, contexts = [], [], []
    try:
        for _ in range(size):
            session = JanusSession(janus["url"], token, room, pin)
            context = browser.new_context()
            page = context.new_page()
            page.expose_function("janusPublish", session.publish)
            page.add_init_script(PAGE_JS)
            # localhost is a secure context (getUserMedia); nothing listens there.
            page.route(
                "http://localhost/bench",
                lambda route: route.fulfill(
                    body="<!doctype html><title>bench</title>", content_type="text/html"
                ),
            )
            page.goto("http://localhost/bench")
            page.evaluate("window.bench.publish()")
            sessions.append(session)
            pages.append(page)
            contexts.append(context)
        wait_for(pages, "window.bench.pub.connectionState === 'connected'")
        feeds = [s.feed for s in sessions]
        for session, page in zip(sessions, pages, strict=True):
            handle, offer = session.subscribe([f for f in feeds if f != session.feed])
            session.start(handle, page.evaluate("(o) => window.bench.subscribe(o)", offer))
        wait_for(pages, "window.bench.connected()")
        time.sleep(2)  # settle
        before = [p.evaluate("window.bench.audio()") for p in pages]
        cpu0, t0 = cpu_seconds(janus_pid), time.monotonic()
        time.sleep(window)
        cpu = (cpu_seconds(janus_pid) - cpu0) / (time.monotonic() - t0)
        after = [p.evaluate("window.bench.audio()") for p in pages]
    finally:
        for context in contexts:
            context.close()
        for session in sessions:
            with contextlib.suppress(httpx.HTTPError):
                session.close()
    lost = sum(a["lost"] for page in after for a in page) - sum(
        b["lost"] for page in before for b in page
    )
    received = sum(a["received"] for page in after for a in page) - sum(
        b["received"] for page in before for b in page
    )
    jitters = sorted(a["jitter"] * 1000 for page in after for a in page)
    loss = 100.0 * max(lost, 0) / max(lost + received, 1)
    p95 = jitters[int(0.95 * (len(jitters) - 1))] if jitters else 0.0
    return {
        "participants": size,
        "audio_streams": len(jitters),
        "audio_packets": received,
        "loss_percent": round(loss, 2),
        "jitter_p95_ms": round(p95, 1),
        "jitter_median_ms": round(statistics.median(jitters), 1) if jitters else 0.0,
        "janus_cpu_cores": round(cpu, 3),
        "ok": loss <= LOSS_LIMIT and p95 <= JITTER_LIMIT_MS and received > 0,
    }


def run(sizes: list[int], window: float, port: int, rtp: str) -> dict:
    from playwright.sync_api import sync_playwright

    proc, janus = start_janus(port, rtp)
    results, load = [], os.getloadavg()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                headless=True,
                args=CHROMIUM_ARGS,
            )
            try:
                for size in sizes:
                    result = run_size(browser, janus, proc.pid, size, window)
                    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
                    results.append(result)
                    print(json.dumps(result), flush=True)
                    if not result["ok"]:
                        break
            finally:
                browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    carried = max((r["participants"] for r in results if r["ok"]), default=0)
    return {"results": results, "carried": carried, "load_before": load}


def write(report: dict, command: str) -> None:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    rows = "\n".join(
        f"| {r['participants']} | {r['audio_streams']} | {r['loss_percent']} | "
        f"{r['jitter_median_ms']} / {r['jitter_p95_ms']} | {r['janus_cpu_cores']} | "
        f"{' '.join(map(str, r['load_average']))} | {'yes' if r['ok'] else 'no'} |"
        for r in report["results"]
    )
    section = f"""
{HEADING}

Machine: {platform.node()}, {os.cpu_count()} cores, {platform.platform()}; commit {commit};
load average before the run {" ".join(f"{x:.2f}" for x in report["load_before"])} (the box
is shared). Command: `{command}`.
Every participant publishes audio and 320x240 video and receives everyone's audio and
{GRID} videos (the active-speaker grid); Janus and Chromium share the same 2 cores.

| participants | audio streams | audio loss % | jitter median / p95 ms | Janus CPU (cores) | load average after | audio holds |
|---|---|---|---|---|---|---|
{rows}

**One Janus process carried {report["carried"]} participants** on this box before audio
dropped (loss > {LOSS_LIMIT} % or jitter p95 > {JITTER_LIMIT_MS} ms). The limit here is the
browsers' decoding on the same cores; Janus' own CPU per participant is in the table.
"""
    text = DOC.read_text()
    if HEADING in text:
        start = text.index(HEADING)
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start].rstrip() + "\n" + section + (text[end:] if end != -1 else "")
    else:
        text = text.rstrip() + "\n" + section
    DOC.write_text(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="4,8,12,16,20,25")
    parser.add_argument("--window", type=float, default=10.0, help="seconds measured per size")
    parser.add_argument("--port", type=int, default=9511, help="Janus' HTTP API")
    parser.add_argument("--rtp", default="20000-20999")
    parser.add_argument("--write", action="store_true", help="append to docs/benchmarks.md")
    args = parser.parse_args(argv)
    sizes = [min(int(s), 100) for s in args.sizes.split(",")]
    report = run(sizes, args.window, args.port, args.rtp)
    print(json.dumps({"carried": report["carried"]}))
    if args.write:
        write(report, "python bench/sfu_capacity.py " + " ".join(argv or sys.argv[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
