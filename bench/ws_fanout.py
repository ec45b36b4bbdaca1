"""WebSocket fan-out benchmark: N chat clients over M rooms, on P server processes.

Starts the platform with P uvicorn processes (each on its own loopback port) grouped
into K "nodes" (on one box a node is a set of ports; on two boxes it would be two
hosts on the same Redis), connects N authenticated pupils' WebSocket clients spread
round-robin over every process, joins them to M chat rooms of one project, and lets
S senders per room post at a steady rate for a bounded duration, each from its own
moment in the period (--together: all at the same instant, in bursts). Several processes
need the Redis channel layer (--redis-url): a message stored by one process reaches
the clients of every other process through it.

Measured, for every copy, the time from `chat.send` to its receipt (all clients live
in this one process, so one clock); then, from the database, every message stored
during the run and who should have received it:
- copies received / expected (expected = stored messages x clients of the room),
  lost (expected, never received live nor by resume) and duplicates;
- p50 / p95 / p99 of the live copies, messages/s stored, copies/s;
- the CPU time the server processes spent (utime + stime from /proc) per message
  stored and per copy: unlike latency, this holds on a machine shared with others.
With --reconnect R every client drops its socket at random (R times a minute on
average), reconnects to a random process and resumes with `since=<cursor>`; unacked
messages are resent with the same client id. The run then asserts 0 lost and 0
duplicated after de-duplication by id (and no message stored twice).
With --pages R a teacher reads pages meanwhile (dashboard, project space, a chat room),
R a second, from gunicorn as in production (or --pages-from uvicorn, the chat's own
processes): their p50/p95/p99 and any answer but 200 are reported (issue 17's second
target). With --through-nginx the clients and the pages go through nginx as `make prod`
configures it (deploy/prod.py renders it: one server block per node, /ws/ to that
node's uvicorn processes, pages to gunicorn), in plain HTTP; nginx's CPU is reported
apart.

Bounded: at most 2,000 clients, 200 rooms, 120 s of sending.

    .venv/bin/python bench/ws_fanout.py --clients 1000 --rooms 100 --processes 4 \\
        --nodes 2 --database-url postgres://postgres@127.0.0.1:5432/jw_bench \\
        --redis-url redis://127.0.0.1:6379/3 --write
"""

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## WebSocket fan-out at scale"
MAX_CLIENTS, MAX_ROOMS, MAX_DURATION = 2000, 200, 120.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- The people and rooms (in this process, Django set up) ---------------------------------


def migrate(env: dict) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def bench_environment(workdir: Path, args) -> dict:
    """The servers' environment (args: database_url, redis_url, env, clients), and room
    in this process's file limit for the clients' sockets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * args.clients + 256)), hard))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jumelage.settings",
        "DATABASE_URL": args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
        "MEDIA_ROOT": str(workdir / "media"),
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    for item in args.env:
        name, _eq, value = item.partition("=")
        env[name] = value
    return env


def setup_django(env: dict) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def prepare(clients: int, rooms: int) -> tuple[int, list[int], list[str], str]:
    """One project, M breakout rooms, N pupils (client i in room i % M), a session each.

    Also the session of one of the project's teachers, for the pages read under load.
    """
    from django.test import Client

    from jumelage import testing
    from jumelage.chat.models import Room, RoomMember

    project = testing.make_project(pupils_need_approval=False)
    room_ids = [
        Room.objects.create(project=project, kind="breakout", name=f"Bench {i}").pk
        for i in range(rooms)
    ]
    cookies = []
    for i in range(clients):
        pupil = testing.make_pupil(project, name=f"Bench pupil {i}")
        RoomMember.objects.create(room_id=room_ids[i % rooms], user=pupil)
        client = Client()
        client.force_login(pupil)
        cookies.append(client.cookies["sessionid"].value)
    teacher = Client()
    teacher.force_login(project.memberships.filter(is_founder=True).first().user)
    return project.pk, room_ids, cookies, teacher.cookies["sessionid"].value


def page_paths(project_id: int, room_id: int) -> list[str]:
    """The pages a teacher reads while the chat runs: their dashboard, the space, a room."""
    from django.urls import reverse

    return [
        reverse("core:dashboard"),
        reverse("twinspace:home", args=[project_id]),
        reverse("chat:room", args=[project_id, room_id]),
    ]


def stored_messages(room_ids: list[int], after_id: int) -> list[tuple[int, int, str]]:
    """(id, room, client_id) of every message stored in the rooms since the run began."""
    from jumelage.chat.models import Message

    rows = Message.objects.filter(room_id__in=room_ids, id__gt=after_id)
    return list(rows.values_list("id", "room_id", "client_id"))


def last_message_id() -> int:
    from jumelage.chat.models import Message

    return Message.objects.order_by("-id").values_list("id", flat=True).first() or 0


# --- Server processes ----------------------------------------------------------------------


@dataclass
class Server:
    port: int
    node: int
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"


def start_servers(env: dict, processes: int, nodes: int, base_port: int = 0) -> list[Server]:
    """P uvicorn processes; process i belongs to node i % K and listens on its own port."""
    servers = []
    for i in range(processes):
        port = base_port + i if base_port else free_port()
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "jumelage.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--ws",
            "websockets-sansio",
            "--ws-per-message-deflate",  # as deploy/Procfile: small frames gain nothing from it
            "false",
            "--log-level",
            "warning",
            "--no-access-log",
        ]
        process = subprocess.Popen(command, cwd=ROOT, env=env)
        servers.append(Server(port, i % nodes, process))
    return wait_until_listening(servers)


def wait_until_listening(servers: list[Server]) -> list[Server]:
    """Each server accepting connections within 90 s; else all stopped and an error."""
    deadline = time.monotonic() + 90
    for server in servers:
        while True:
            try:
                socket.create_connection(("127.0.0.1", server.port), timeout=0.5).close()
                break
            except OSError:
                if server.process.poll() is not None or time.monotonic() > deadline:
                    stop_servers(servers)
                    raise RuntimeError(f"the server on port {server.port} did not start") from None
                time.sleep(0.2)
    return servers


def _production():
    sys.path.insert(0, str(ROOT / "deploy"))
    import prod  # deploy/prod.py: the production configuration itself

    return prod


def start_page_server(env: dict, workers: int | None = None, threads: int | None = None) -> Server:
    """Pages as the production topology serves them: gunicorn, gthread, by default with
    the workers and threads `make prod` starts (deploy/prod.py: cores + 1, 2 each)."""
    defaults = _production().DEFAULTS
    workers = workers or int(defaults["WEB_WORKERS"])
    threads = threads or int(defaults["WEB_THREADS"])
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "jumelage.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--log-level",
        "warning",
    ]
    return wait_until_listening([Server(port, 0, subprocess.Popen(command, cwd=ROOT, env=env))])[0]


def start_fronts(
    servers: list[Server], page_server: Server | None, workdir: Path, workers: str = "auto"
) -> list[Server]:
    """nginx in front of each node, rendered by deploy/prod.py as `make prod` runs it.

    One nginx (its workers as in production: one per core), one server block per node:
    /ws/ to that node's uvicorn processes, pages and monitors to the page server (else
    to the node's own processes). Returns one front per node, sharing the nginx process.
    """
    prod = _production()
    binary = prod.nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx-light)")
    prefix = workdir / "nginx"
    (workdir / "static").mkdir(exist_ok=True)
    fronts, sites = [], []
    for node in sorted({server.node for server in servers}):
        port = free_port()
        asgi = [f"127.0.0.1:{s.port}" for s in servers if s.node == node]
        wsgi = [f"127.0.0.1:{page_server.port}"] if page_server else asgi
        sites.append(
            prod.render_site(
                listen=f"127.0.0.1:{port}",
                wsgi=wsgi,
                asgi=asgi,
                health=wsgi,
                static_root=workdir / "static",
                media_root=workdir / "media",
                node=f"_{node}",
            )
        )
        fronts.append((port, node))
    conf = prod.write_nginx(prefix, sites, workers=workers)
    process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf)], cwd=ROOT)
    return wait_until_listening([Server(port, node, process) for port, node in fronts])


def stop_servers(servers: list[Server]) -> None:
    for server in servers:
        if server.process.poll() is None:
            server.process.terminate()
    for server in servers:
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()


def cpu_seconds(servers: list[Server]) -> float:
    """User + system CPU time of the server processes and their children so far (/proc).

    Children: nginx's workers, gunicorn's; a process counted once if several fronts
    share it.
    """
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stats[int(entry.name)] = (entry / "stat").read_text().rsplit(")", 1)[1].split()
    roots = {server.process.pid for server in servers}
    # fields after the name: [1] ppid, [11] utime, [12] stime
    counted = roots | {pid for pid, fields in stats.items() if int(fields[1]) in roots}
    ticks = sum(int(stats[pid][11]) + int(stats[pid][12]) for pid in counted if pid in stats)
    return ticks / CLOCK_TICKS


# --- Clients -------------------------------------------------------------------------------


@dataclass
class Run:
    """What every client saw, shared by all of them."""

    servers: list[Server]
    project_id: int
    rate: float
    reconnect_per_minute: float
    rooms: int
    idle_cpu_per_s: float = 0.0  # the servers' CPU use with every client connected, no message
    settle_seconds: float = 0.0  # from the last join until the servers were quiet
    sending_cpu: float = 0.0  # their CPU time from the first send to the last copy
    front_sending_cpu: float = 0.0  # nginx's, over the same span
    stop_sending: asyncio.Event = field(default_factory=asyncio.Event)
    stop_churn: asyncio.Event = field(default_factory=asyncio.Event)
    latencies: list[float] = field(default_factory=list)
    sent: int = 0
    reconnects: int = 0
    errors: dict = field(default_factory=dict)
    cross_process: int = 0  # live copies stored on another process than the receiver's
    pages: list = field(default_factory=list)  # (path, status, seconds) read under load (--pages)


async def open_socket(server: Server, path: str, cookie: str):
    """A signed-in WebSocket to `path` on a server or front, as a browser opens it."""
    import websockets

    return await websockets.connect(
        f"{server.url}{path}",
        additional_headers={"Cookie": f"sessionid={cookie}"},
        origin=f"http://127.0.0.1:{server.port}",
        max_queue=None,
        open_timeout=60,
    )


class BenchClient:
    def __init__(self, run: Run, n: int, cookie: str, room: int, sender: bool):
        self.run, self.n, self.cookie, self.room, self.sender = run, n, cookie, room, sender
        # Room r's k-th client on process (k + r) % P: every room spans every process.
        self.server = run.servers[(n // run.rooms + n) % len(run.servers)]
        self.received: dict[int, int] = {}  # message id -> copies received
        self.cursor: int | None = None
        self.ahead: set[int] = set()  # seqs received above the cursor
        self.unacked: dict[str, dict] = {}
        self.ws = None
        self.joined = asyncio.Event()
        self.synced = asyncio.Event()

    async def connect(self, server: Server) -> None:
        self.server = server
        self.ws = await open_socket(server, f"/ws/projects/{self.run.project_id}/", self.cookie)
        join = {"type": "chat.join", "room": self.room}
        if self.cursor is not None:
            join["since"] = self.cursor
        await self.ws.send(json.dumps(join))

    def _seen(self, seq: int) -> None:
        if self.cursor is None or seq <= self.cursor:
            return
        self.ahead.add(seq)
        self._advance()

    def _advance(self) -> None:
        """The cursor moves over every contiguous number: a gap holds it back."""
        while self.cursor + 1 in self.ahead:
            self.cursor += 1
            self.ahead.discard(self.cursor)

    async def _handle(self, frame: dict) -> None:
        kind = frame.get("type")
        if kind == "chat.message":
            message = frame["message"]
            self.received[message["id"]] = self.received.get(message["id"], 0) + 1
            body = json.loads(message["body"])
            self.run.latencies.append(time.perf_counter() - body["t"])
            if body.get("p") != self.server.port:
                self.run.cross_process += 1
            self._seen(message["seq"])
        elif kind == "chat.removed":
            self._seen(frame["seq"])
        elif kind == "chat.history":
            for message in frame["messages"]:
                if frame["mode"] == "missed":
                    self.received[message["id"]] = self.received.get(message["id"], 0) + 1
            self.cursor = max(self.cursor or 0, frame["cursor"])
            self.ahead = {s for s in self.ahead if s > self.cursor}
            self._advance()
            if frame.get("has_more"):
                await self.ws.send(
                    json.dumps({"type": "chat.join", "room": self.room, "since": self.cursor})
                )
            else:
                self.joined.set()
                self.synced.set()
                for frame_out in list(self.unacked.values()):  # resend: stored once by client id
                    await self.ws.send(json.dumps(frame_out))
        elif kind == "chat.ack":
            self.unacked.pop(frame.get("client_id"), None)
        elif kind == "error":
            code = frame.get("code", "?")
            self.run.errors[code] = self.run.errors.get(code, 0) + 1

    async def live(self) -> None:
        """Receive until the run ends; with churn, drop the socket at random and resume."""
        churn = self.run.reconnect_per_minute
        while True:
            until = time.monotonic() + random.expovariate(churn / 60) if churn else None
            try:
                while True:
                    if until is not None and self.run.stop_churn.is_set():
                        until = None  # the run is ending: no more drops
                    if until is None:
                        raw = await self.ws.recv()
                    else:
                        left = until - time.monotonic()
                        if left <= 0:
                            break
                        try:
                            raw = await asyncio.wait_for(self.ws.recv(), min(left, 1.0))
                        except TimeoutError:
                            continue
                    await self._handle(json.loads(raw))
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - closed: at the end of the run, or by the server
                if self.run.stop_churn.is_set():
                    return
            self.joined.clear()
            self.synced.clear()
            await self.ws.close()
            self.run.reconnects += 1
            while True:
                try:
                    await self.connect(random.choice(self.run.servers))
                    break
                except Exception:  # noqa: BLE001 - the server is busy: try again
                    await asyncio.sleep(0.5)

    async def send_loop(self, offset: float) -> None:
        """Send at `rate` on a fixed schedule, starting `offset` seconds in (no drift)."""
        seq = 0
        period = 1 / self.run.rate
        start = time.perf_counter() + offset
        while not self.run.stop_sending.is_set():
            await asyncio.sleep(max(0.0, start + seq * period - time.perf_counter()))
            if self.run.stop_sending.is_set():
                break
            await self.joined.wait()
            seq += 1
            client_id = f"b{self.n}-{seq}"
            body = json.dumps({"t": time.perf_counter(), "p": self.server.port})
            frame = {"type": "chat.send", "room": self.room, "client_id": client_id, "body": body}
            self.unacked[client_id] = frame
            with contextlib.suppress(Exception):  # if the socket dropped: resent on resume
                await self.ws.send(json.dumps(frame))
            self.run.sent += 1

    async def resync(self) -> None:
        """Ask once more for every change after the cursor (what a client does on a gap)."""
        self.synced.clear()
        await self.ws.send(
            json.dumps({"type": "chat.join", "room": self.room, "since": self.cursor})
        )
        await asyncio.wait_for(self.synced.wait(), 30)


def warm_up(servers, paths, cookie, rounds: int = 8) -> None:
    """Each worker's first views load templates and code: read every page a few times first."""
    import httpx

    with httpx.Client(cookies={"sessionid": cookie}, timeout=60) as client:
        for _ in range(rounds):
            for server in servers:
                for path in paths:
                    client.get(f"http://127.0.0.1:{server.port}{path}")


async def read_pages(servers, paths, cookie, rate, stop, seen) -> None:  # noqa: PLR0913
    """GET the pages round-robin over the servers at `rate` a second until `stop`.

    `seen` collects (path, status, seconds) of each. Requests start on a fixed schedule,
    whether the previous one answered or not, as independent users would.
    """
    import httpx

    async def one(client, url, path):
        began = time.perf_counter()
        try:
            status = (await client.get(url)).status_code
        except httpx.HTTPError:
            status = 0
        seen.append((path, status, time.perf_counter() - began))

    pending = set()
    async with httpx.AsyncClient(cookies={"sessionid": cookie}, timeout=30) as client:
        n, start = 0, time.perf_counter()
        while not stop.is_set():
            server, path = servers[n % len(servers)], paths[n % len(paths)]
            url = f"http://127.0.0.1:{server.port}{path}"
            task = asyncio.create_task(one(client, url, path))
            pending.add(task)
            task.add_done_callback(pending.discard)
            n += 1
            await asyncio.sleep(max(0.0, start + n / rate - time.perf_counter()))
        await asyncio.gather(*pending)


async def run_clients(
    servers,
    project_id,
    room_ids,
    cookies,
    *,
    senders=1,
    rate=2.0,
    duration=10.0,
    reconnect=0.0,
    together=False,
    cpu=lambda: 0.0,
    front_cpu=lambda: 0.0,
    pages=None,
) -> tuple[Run, list[BenchClient], float]:
    """Connect, join, send for `duration` seconds, drain; (run, clients, sending seconds)."""
    run = Run(servers, project_id, rate, reconnect, len(room_ids))
    rooms = len(room_ids)
    clients = [
        BenchClient(run, n, cookie, room_ids[n % rooms], sender=n // rooms < senders)
        for n, cookie in enumerate(cookies)
    ]
    gate = asyncio.Semaphore(50)
    readers = []

    async def connect(client):
        async with gate:
            await client.connect(client.server)
            readers.append(asyncio.create_task(client.live()))
            await asyncio.wait_for(client.joined.wait(), 60)

    await asyncio.gather(*(connect(c) for c in clients))
    print(f"{len(clients)} clients connected and joined", file=sys.stderr)
    # Presence answers settle: joins cost the servers CPU after the history frame (each
    # member hears of each newcomer); wait until they are quiet, at most 60 s.
    joined_at = time.perf_counter()
    await asyncio.sleep(1.0)
    for _ in range(30):
        idle = cpu()
        await asyncio.sleep(2.0)
        run.idle_cpu_per_s = (cpu() - idle) / 2.0
        if run.idle_cpu_per_s < 0.1 * len(servers):
            break
    run.settle_seconds = time.perf_counter() - joined_at
    run.latencies.clear()
    run.cross_process = 0
    started = time.perf_counter()
    sending, front_sending = cpu(), front_cpu()
    # Independent senders: each starts at its own moment of the first period, as people
    # do. `together`: all at the same instant, every period (a burst of one message per
    # room at once, the stress case).
    period = 1 / rate
    writers = [
        asyncio.create_task(c.send_loop(0.0 if together else random.uniform(0, period)))
        for c in clients
        if c.sender
    ]
    if pages:  # (paths, cookie, rate, page servers): a teacher reads pages meanwhile
        paths, cookie, page_rate, where = pages
        writers.append(
            asyncio.create_task(
                read_pages(where, paths, cookie, page_rate, run.stop_sending, run.pages)
            )
        )
    await asyncio.sleep(duration)
    run.stop_sending.set()
    await asyncio.gather(*writers)
    elapsed = time.perf_counter() - started
    run.stop_churn.set()
    # Every client connected again, its last resends acknowledged, the last copies in.
    for _ in range(100):
        if all(c.synced.is_set() and not c.unacked for c in clients):
            break
        await asyncio.sleep(0.2)
    # A saturated server still has copies queued: wait until none came for 3 s (at most 90 s).
    quiet_since, count, deadline = time.monotonic(), len(run.latencies), time.monotonic() + 90
    while time.monotonic() - quiet_since < 3.0 and time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        if len(run.latencies) != count:
            quiet_since, count = time.monotonic(), len(run.latencies)
    run.sending_cpu = cpu() - sending
    run.front_sending_cpu = front_cpu() - front_sending
    if reconnect:
        await asyncio.gather(*(c.resync() for c in clients))
    for client in clients:
        await client.ws.close()
    for task in readers:
        task.cancel()
    await asyncio.gather(*readers, return_exceptions=True)
    return run, clients, elapsed


# --- Results -------------------------------------------------------------------------------


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def tally(clients: list[BenchClient], stored: list[tuple[int, int, str]]) -> dict:
    """Expected copies from what was stored; lost, duplicated and stored-twice counts."""
    by_room: dict[int, list[BenchClient]] = {}
    for client in clients:
        by_room.setdefault(client.room, []).append(client)
    expected = lost = 0
    for message_id, room_id, _client_id in stored:
        for client in by_room.get(room_id, []):
            expected += 1
            if message_id not in client.received:
                lost += 1
    received = sum(len(c.received) for c in clients)
    copies = sum(sum(c.received.values()) for c in clients)
    client_ids = [client_id for _id, _room, client_id in stored]
    return {
        "expected": expected,
        "received": received,  # distinct (client, message) pairs
        "lost": lost,
        "duplicates": copies - received,  # removed by the de-duplication by id
        "stored_twice": len(client_ids) - len(set(client_ids)),
    }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = f"{model}, {os.cpu_count()} cores"
    except (OSError, StopIteration):
        pass
    return f"{cpu}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "?"


TABLE_HEAD = (
    "| date | commit | setup | processes / nodes | clients / rooms | reconnects | sent / stored "
    "| copies received / expected | lost | dup. | p50 | p95 | p99 | msg/s stored "
    "| server CPU ms / msg | load avg |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
)


def write_row(row: str, command: str) -> None:
    """Append a row to this section's table (created at the end of the file the first time)."""
    current = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    if HEADING not in current:
        current = (
            current.rstrip()
            + f"\n\n{HEADING}\n\nRows appended by `bench/ws_fanout.py --write`; the design and\n"
            "the reading of these figures are in docs/live.md.\n\n" + TABLE_HEAD
        )
    before, _found, rest = current.partition(HEADING)
    body, sep, after = rest.partition("\n## ")
    body = body.rstrip() + "\n" + row + f"\n<!-- {command} -->\n"
    DOC.write_text(before + HEADING + body + (("\n" + sep.lstrip("\n") + after) if sep else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=60)
    parser.add_argument("--rooms", type=int, default=6)
    parser.add_argument("--senders", type=int, default=1, help="senders per room")
    parser.add_argument("--rate", type=float, default=2.0, help="messages/s per sender (≤ 4)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of sending")
    parser.add_argument("--processes", type=int, default=1, help="uvicorn processes")
    parser.add_argument("--nodes", type=int, default=1, help="nodes the processes are split in")
    parser.add_argument("--port", type=int, default=0, help="first port (default: free ones)")
    parser.add_argument("--reconnect", type=float, default=0.0, help="drops per client a minute")
    parser.add_argument(
        "--together",
        action="store_true",
        help="every sender at the same instant (bursts); default: each at its own moment",
    )
    parser.add_argument("--seed", type=int, default=None, help="of the senders' moments")
    parser.add_argument(
        "--pages",
        type=float,
        default=0.0,
        help="pages a second a teacher reads meanwhile (dashboard, space, a chat room)",
    )
    parser.add_argument(
        "--pages-from",
        choices=["gunicorn", "uvicorn"],
        default="gunicorn",
        help="gunicorn: its own, with production's workers and threads; uvicorn: the chat's",
    )
    parser.add_argument(
        "--through-nginx",
        action="store_true",
        help="clients and pages through nginx as make prod configures it (plain HTTP)",
    )
    parser.add_argument("--nginx-workers", default="auto", help="nginx's worker_processes")
    parser.add_argument("--database-url", default="", help="an EMPTY database (default SQLite)")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--env", action="append", default=[], help="NAME=value for the servers")
    parser.add_argument("--write", action="store_true", help="append a row to docs/benchmarks.md")
    args = parser.parse_args()
    args.clients = max(1, min(args.clients, MAX_CLIENTS))
    args.rooms = max(1, min(args.rooms, MAX_ROOMS, args.clients))
    args.duration = max(1.0, min(args.duration, MAX_DURATION))
    args.rate = max(0.1, min(args.rate, 4.0))  # the consumer allows 20 frames per 5 s
    args.processes = max(1, min(args.processes, 16))
    args.nodes = max(1, min(args.nodes, args.processes))
    if args.processes > 1 and not args.redis_url:
        sys.exit("Several processes need the Redis channel layer (--redis-url).")
    workdir = Path(tempfile.mkdtemp(prefix="jumelage-bench-"))
    env = bench_environment(workdir, args)
    seed = args.seed if args.seed is not None else random.randrange(10**6)
    random.seed(seed)
    migrate(env)
    setup_django(env)
    from jumelage.accounts.models import User

    if User.objects.filter(display_name__startswith="Bench pupil").exists():
        sys.exit("The benchmark needs a database without an earlier run's people.")
    project_id, room_ids, cookies, teacher_cookie = prepare(args.clients, args.rooms)
    print(f"{args.clients} pupils in {args.rooms} rooms ready", file=sys.stderr)
    first = last_message_id()
    servers = start_servers(env, args.processes, args.nodes, args.port)
    page_server, pages, fronts = None, None, []
    if args.pages and args.pages_from == "gunicorn":
        page_server = start_page_server(env)
    if args.through_nginx:
        fronts = start_fronts(servers, page_server, workdir, args.nginx_workers)
    if args.pages:
        page_servers = fronts or ([page_server] if page_server else servers)
        pages = (page_paths(project_id, room_ids[0]), teacher_cookie, args.pages, page_servers)
        warm_up(page_servers, pages[0], teacher_cookie)
    nginx = fronts[:1]
    try:
        own_before = time.process_time()
        run, clients, elapsed = asyncio.run(
            asyncio.wait_for(
                run_clients(
                    fronts or servers,
                    project_id,
                    room_ids,
                    cookies,
                    senders=args.senders,
                    rate=args.rate,
                    duration=args.duration,
                    reconnect=args.reconnect,
                    together=args.together,
                    cpu=lambda: cpu_seconds(servers),
                    front_cpu=lambda: cpu_seconds(nginx),
                    pages=pages,
                ),
                timeout=args.duration + 900,
            )
        )
        own = time.process_time() - own_before
    finally:
        stop_servers(nginx + servers + ([page_server] if page_server else []))
    stored = stored_messages(room_ids, first)
    counts = tally(clients, stored)
    lat = [x * 1000 for x in run.latencies]
    p50, p95, p99 = (percentile(lat, p) for p in (50, 95, 99))
    layer = "Redis" if args.redis_url else "in-memory layer"
    database = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    extra = " ".join(
        [
            *args.env,
            "senders together" if args.together else "senders spread",
            *(["through nginx"] if args.through_nginx else []),
        ]
    )
    command = "python bench/ws_fanout.py " + " ".join(
        a for a in sys.argv[1:] if a != "--write" and "://" not in a
    )
    cpu = run.sending_cpu
    per_message = cpu / len(stored) * 1000 if stored else float("nan")
    row = (
        f"| {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} | {commit()} | {database}, {layer}"
        f"{', ' + extra if extra else ''} | {args.processes} / {args.nodes} | {args.clients} / "
        f"{args.rooms} | {run.reconnects} | {run.sent} / {len(stored)} | {counts['received']} / "
        f"{counts['expected']} | {counts['lost']} | {counts['duplicates']} | {p50:.0f} ms "
        f"| {p95:.0f} ms | {p99:.0f} ms | {len(stored) / elapsed:.1f} | {per_message:.2f} | {load} |"
    )
    print(TABLE_HEAD + row)
    print(
        f"\nlive copies {len(lat)} ({run.cross_process} from another process), "
        f"copies/s {len(lat) / elapsed:.0f}, server CPU {cpu:.1f} s while sending "
        f"(idle with every client connected: {run.idle_cpu_per_s:.2f} s/s, "
        f"quiet {run.settle_seconds:.1f} s after the last join) "
        f"({cpu / max(1, len(lat)) * 1e6:.0f} µs per copy), benchmark client CPU {own:.1f} s, "
        f"errors {run.errors or 'none'}, stored twice {counts['stored_twice']}, seed {seed}\n"
        f"Machine: {machine()}; load average {load} when the run ended."
    )
    if nginx:
        front = run.front_sending_cpu
        print(
            f"nginx CPU {front:.1f} s while sending ({front / max(1, len(lat)) * 1e6:.0f} µs "
            f"per copy; not in the server CPU above); 'another process' above: another node"
        )
    page_row = ""
    if run.pages:
        times = [t * 1000 for _path, _status, t in run.pages]
        failed = sum(1 for _path, status, _t in run.pages if status != 200)
        q50, q95, q99 = (percentile(times, p) for p in (50, 95, 99))
        page_row = (
            f"pages read meanwhile from {args.pages_from}"
            f"{' through nginx' if args.through_nginx else ''} ({', '.join(pages[0])}): "
            f"{len(times)} at {args.pages:g}/s, "
            f"p50 {q50:.0f} ms, p95 {q95:.0f} ms, p99 {q99:.0f} ms, not 200: {failed}"
        )
        for path in pages[0]:
            own = [t * 1000 for p, _s, t in run.pages if p == path]
            page_row += (
                f"\n  {path}: p50 {percentile(own, 50):.0f} ms, p95 {percentile(own, 95):.0f} ms"
            )
        print(page_row)
    if args.write:
        write_row(row, command + (f"\n{page_row}" if page_row else ""))
    ok = counts["lost"] == 0 and counts["stored_twice"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
