"""WebSocket fan-out benchmark: N chat clients across M rooms on a local server.

Starts the platform with uvicorn on a free loopback port (own SQLite file, or
--database-url/--redis-url to measure PostgreSQL and the Redis channel layer),
connects N authenticated WebSocket clients spread over M chat rooms of one
project, lets S senders per room post messages at a steady rate, and measures
for every delivered copy the time from send to receipt (fan-out latency).
Bounded: at most 300 clients, 30 rooms, 120 s. Results go to stdout and, with
--write, to the "WebSocket fan-out" section of docs/benchmarks.md.

    .venv/bin/python bench/ws_fanout.py --clients 60 --rooms 6 --write
"""

import argparse
import asyncio
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
HEADING = "## WebSocket fan-out"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict, clients: int, rooms: int) -> tuple[int, list[int], list[str]]:
    """Migrate, then create one project, M rooms and N pupils with sessions."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from jumelage import testing
    from jumelage.chat.models import Room

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from jumelage.accounts.models import User

    if User.objects.exists():
        sys.exit("The benchmark needs an empty database (it creates its own people).")
    project = testing.make_project(pupils_need_approval=False)
    room_ids = [
        Room.objects.create(project=project, kind="breakout", name=f"Bench {i}").pk
        for i in range(rooms)
    ]
    from jumelage.chat.models import RoomMember

    cookies = []
    for i in range(clients):
        pupil = testing.make_pupil(project, name=f"Bench pupil {i}")
        RoomMember.objects.create(room_id=room_ids[i % rooms], user=pupil)
        client = Client()
        client.force_login(pupil)
        cookies.append(client.cookies["sessionid"].value)
    return project.pk, room_ids, cookies


async def run_clients(base, project_id, room_ids, cookies, senders, rate, duration):
    import websockets

    url = base.replace("http://", "ws://") + f"/ws/projects/{project_id}/"
    latencies: list[float] = []
    sent = 0
    sockets = []
    for cookie in cookies:
        ws = await websockets.connect(
            url,
            additional_headers={"Cookie": f"sessionid={cookie}"},
            origin=base,
            max_queue=None,
        )
        sockets.append(ws)
    for i, ws in enumerate(sockets):
        await ws.send(json.dumps({"type": "chat.join", "room": room_ids[i % len(room_ids)]}))

    stop = asyncio.Event()

    async def receive(ws):
        try:
            while True:
                frame = json.loads(await ws.recv())
                if frame["type"] == "chat.message":
                    stamp = json.loads(frame["message"]["body"])["t"]
                    latencies.append(time.perf_counter() - stamp)
        except Exception:  # noqa: BLE001 - closed at the end of the run
            return

    readers = [asyncio.create_task(receive(ws)) for ws in sockets]
    await asyncio.sleep(1.0)  # every join answered
    # The first `senders` clients of each room send.
    sending = [ws for i, ws in enumerate(sockets) if i // len(room_ids) < senders]

    async def send(ws, n):
        nonlocal sent
        seq = 0
        while not stop.is_set():
            seq += 1
            body = json.dumps({"t": time.perf_counter()})
            await ws.send(
                json.dumps(
                    {
                        "type": "chat.send",
                        "room": room_ids[n % len(room_ids)],
                        "client_id": f"{n}-{seq}",
                        "body": body,
                    }
                )
            )
            sent += 1
            await asyncio.sleep(1 / rate)

    started = time.perf_counter()
    writers = [asyncio.create_task(send(ws, sockets.index(ws))) for ws in sending]
    await asyncio.sleep(duration)
    stop.set()
    await asyncio.gather(*writers)
    elapsed = time.perf_counter() - started
    await asyncio.sleep(2.0)  # let the last copies arrive
    for ws in sockets:
        await ws.close()
    for task in readers:
        task.cancel()
    return latencies, sent, elapsed, len(sending)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


TABLE_HEAD = (
    "| setup | command | clients | rooms | senders | sent | copies received / expected "
    "| p50 | p99 | messages/s | copies/s |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|\n"
)


def write_section(row: str, key: str, machine: str) -> None:
    """Keep one row per setup+command in the section; other sections are left alone."""
    DOC.parent.mkdir(exist_ok=True)
    current = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    before, found, rest = current.partition(HEADING)
    rows, tail = [], ""
    if found:
        body, sep, after = rest.partition("\n## ")
        tail = sep + after if sep else ""
        rows = [line for line in body.splitlines() if line.startswith("| ") and "---" not in line]
        rows = [line for line in rows[1:] if not line.startswith(key)]
    else:
        before = current.rstrip() + "\n\n"
    rows.append(row)
    section = (
        f"{HEADING}\n\n"
        "`bench/ws_fanout.py` starts one uvicorn process on a free loopback port, connects N\n"
        "authenticated pupils' WebSocket clients spread over M chat rooms of one project, and\n"
        "lets one sender per room post 2 messages/s (the consumer's rate limit allows 4/s).\n"
        "Latency is from `chat.send` to the receipt of each copy by every client of the room,\n"
        "measured in the benchmark process; messages/s counts messages stored and fanned out.\n"
        "Run it with `.venv/bin/python bench/ws_fanout.py --write` (add `--database-url` and\n"
        "`--redis-url` for PostgreSQL and the Redis channel layer).\n"
        "Each `chat.send` runs its policy checks and insert (about ten queries) on the\n"
        "process's single database thread (Channels' `database_sync_to_async`); with\n"
        "PostgreSQL, `CONN_MAX_AGE` > 0 spares a new connection per frame. Scale out with\n"
        "more uvicorn processes: the Redis layer delivers across them (tested in\n"
        "`e2e/test_chat.py`).\n\n"
        + TABLE_HEAD
        + "\n".join(rows)
        + f"\n\nMachine: {machine}; shared with other jobs while it ran, so read the\n"
        "numbers as an order of magnitude.\n"
    )
    DOC.write_text(before + section + tail)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=60)
    parser.add_argument("--rooms", type=int, default=6)
    parser.add_argument("--senders", type=int, default=1, help="senders per room")
    parser.add_argument("--rate", type=float, default=2.0, help="messages/s per sender (≤ 4)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of sending")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    args.clients = max(1, min(args.clients, 300))
    args.rooms = max(1, min(args.rooms, 30, args.clients))
    args.duration = max(1.0, min(args.duration, 120.0))
    args.rate = max(0.1, min(args.rate, 4.0))  # the consumer allows 20 frames per 5 s

    workdir = Path(tempfile.mkdtemp(prefix="jumelage-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jumelage.settings",
        "DATABASE_URL": args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
        "MEDIA_ROOT": str(workdir / "media"),
    }
    env.pop("REDIS_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    project_id, room_ids, cookies = prepare(env, args.clients, args.rooms)
    port = free_port()
    server = subprocess.Popen(
        [
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
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        latencies, sent, elapsed, senders = asyncio.run(
            asyncio.wait_for(
                run_clients(
                    base, project_id, room_ids, cookies, args.senders, args.rate, args.duration
                ),
                timeout=args.duration + 120,
            )
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    per_room = args.clients / args.rooms
    expected = sent * per_room
    p50 = percentile(latencies, 50) * 1000 if latencies else float("nan")
    p99 = percentile(latencies, 99) * 1000 if latencies else float("nan")
    layer = "Redis channel layer" if args.redis_url else "in-memory channel layer"
    database = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    prefix = f"CONN_MAX_AGE={os.environ['CONN_MAX_AGE']} " if "CONN_MAX_AGE" in os.environ else ""
    command = (
        prefix + "python bench/ws_fanout.py " + " ".join(a for a in sys.argv[1:] if a != "--write")
    )
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
    setup = f"{database}, {layer}"
    key = f"| {setup} | `{command.strip()}` |"
    row = (
        f"{key} {args.clients} | {args.rooms} | {senders} | {sent} | "
        f"{len(latencies)} / {int(expected)} | {p50:.1f} ms | {p99:.1f} ms | "
        f"{sent / elapsed:.1f} | {len(latencies) / elapsed:.1f} |"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    machine = (
        f"{cpu}, Python {platform.python_version()}, {platform.system()} {platform.release()}, "
        f"load average {load} when the run ended"
    )
    report = f"{TABLE_HEAD}{row}\n\nMachine: {machine}"
    print(report)
    if args.write:
        write_section(row, key, machine)
    return 0


if __name__ == "__main__":
    sys.exit(main())
