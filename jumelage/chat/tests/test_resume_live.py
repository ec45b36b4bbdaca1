"""Concurrent senders, a receiver that keeps reconnecting, two uvicorn processes, PostgreSQL, Redis.

Resuming "after the highest id seen" lost 2 messages in 600 with four senders:
ids commit out of order. The receiver here follows the browser client's rules
(chat.js): its cursor only moves over a contiguous run of change numbers, and
messages are de-duplicated by id.

The servers run with the per-process relays on (REALTIME_RELAYS, the default), and
each must stop within 15 s of SIGTERM: a stopping server with relays open used to
hang on a pump whose cancellation redis-py had swallowed (docs/live.md).
"""

import asyncio
import itertools
import json
import os
import socket
import subprocess
import sys
import time

import pytest
import websockets
from django.test import Client

from jumelage.chat.models import Message, Room
from jumelage.realtime.testing import ensure_reference_data, fresh_channel_layers, run_in_thread
from jumelage.testing import make_project, make_pupil

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SENDERS = 4
PER_SENDER = 150
BURST = 15  # frames (and a join) per connection, under the per-connection rate limit
RECONNECT_EVERY = 40  # live frames


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn_server(env) -> tuple[subprocess.Popen, str]:
    """A separate uvicorn process serving the platform; returns (process, base URL)."""
    port = _free_port()
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "uvicorn", "jumelage.asgi:application"),
            *("--host", "127.0.0.1", "--port", str(port)),
            *("--ws", "websockets-sansio", "--log-level", "warning"),
        ],
        env=env,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("uvicorn did not start") from None
            time.sleep(0.2)


@pytest.fixture
def two_servers(postgres, redis_url):
    from django.db import connection

    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REALTIME_RELAYS": "true",
    }
    servers = [spawn_server(env) for _ in range(2)]
    yield [url for _process, url in servers]
    for process, _url in servers:
        process.terminate()
    for process, _url in servers:
        process.wait(timeout=15)


def cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


async def open_socket(base_url, project_id, session):
    return await websockets.connect(
        base_url.replace("http://", "ws://") + f"/ws/projects/{project_id}/",
        additional_headers={"Cookie": f"sessionid={session}"},
        origin=base_url,
        open_timeout=20,
    )


async def frames_of(ws, timeout):
    """Frames until `timeout` seconds of silence (or the connection closes)."""
    try:
        while True:
            yield json.loads(await asyncio.wait_for(ws.recv(), timeout))
    except (TimeoutError, websockets.ConnectionClosed):
        return


class Receiver:
    """The browser client's bookkeeping: state per id, newest number wins; contiguous cursor."""

    def __init__(self):
        self.cursor = None
        self.seen_numbers: set[int] = set()
        self.state: dict[int, tuple[int, dict | None]] = {}

    def apply(self, message_id, seq, message):
        if message_id not in self.state or self.state[message_id][0] < seq:
            self.state[message_id] = (seq, message)
        self.seen_numbers.add(seq)

    def advance(self):
        while self.cursor is not None and self.cursor + 1 in self.seen_numbers:
            self.cursor += 1

    def on_frame(self, frame) -> bool:
        """Apply one frame; True if it was a history page that says there is more."""
        if frame["type"] == "chat.history":
            for m in frame["messages"]:
                self.apply(m["id"], m["seq"], m)
            for r in frame["removed"]:
                self.apply(r["id"], r["seq"], None)
            self.cursor = max(self.cursor or 0, frame["cursor"])
            self.advance()
            return frame["has_more"]
        if frame["type"] == "chat.message":
            m = frame["message"]
            self.apply(m["id"], m["seq"], m)
        elif frame["type"] == "chat.removed":
            self.apply(frame["id"], frame["seq"], None)
        self.advance()
        return False

    def join_frame(self, room):
        frame = {"type": "chat.join", "room": room}
        return frame if self.cursor is None else {**frame, "since": self.cursor}

    def shown(self) -> dict[int, dict]:
        return {i: m for i, (_seq, m) in self.state.items() if m is not None}


def test_four_concurrent_senders_and_a_reconnecting_receiver_lose_and_duplicate_nothing(
    two_servers,
):
    ensure_reference_data()
    fresh_channel_layers()
    project = make_project(pupils_need_approval=False)
    room = Room.objects.create(project=project, kind="general").pk
    senders = [cookie(make_pupil(project)) for _ in range(SENDERS)]
    reader = cookie(make_pupil(project))
    servers = itertools.cycle(two_servers)

    async def send_all(number, session):
        sent = 0
        while sent < PER_SENDER:
            ws = await open_socket(two_servers[(number + sent // BURST) % 2], project.pk, session)
            burst = range(sent, min(sent + BURST, PER_SENDER))
            await ws.send(json.dumps({"type": "chat.join", "room": room}))
            for i in burst:
                body = f"sender {number} message {i}"
                await ws.send(
                    json.dumps({"type": "chat.send", "room": room, "client_id": body, "body": body})
                )
            acked = set()
            async for frame in frames_of(ws, 30):
                if frame["type"] == "chat.ack":
                    acked.add(frame["client_id"])
                    if len(acked) == len(burst):
                        break
            assert len(acked) == len(burst), "a server did not acknowledge every message"
            await ws.close()
            sent += len(burst)

    async def receive(receiver, done):
        reconnects = 0
        while not done.is_set():
            ws = await open_socket(next(servers), project.pk, reader)
            await ws.send(json.dumps(receiver.join_frame(room)))
            live = 0
            async for frame in frames_of(ws, 2):
                if receiver.on_frame(frame):
                    await ws.send(json.dumps(receiver.join_frame(room)))
                live += frame["type"] in ("chat.message", "chat.removed")
                if live >= RECONNECT_EVERY or done.is_set():
                    break
            await ws.close()
            reconnects += 1
        return reconnects

    async def scenario():
        receiver, done = Receiver(), asyncio.Event()
        receiving = asyncio.create_task(receive(receiver, done))
        await asyncio.gather(*(send_all(n, s) for n, s in enumerate(senders)))
        done.set()
        reconnects = await receiving
        # Back once more, on either process: resume until nothing more.
        ws = await open_socket(next(servers), project.pk, reader)
        more = True
        while more:
            await ws.send(json.dumps(receiver.join_frame(room)))
            async for frame in frames_of(ws, 30):
                if frame["type"] == "chat.history":
                    more = receiver.on_frame(frame)
                    break
                receiver.on_frame(frame)
        await ws.close()
        return receiver, reconnects

    receiver, reconnects = run_in_thread(scenario, timeout=600)
    stored = dict(Message.objects.filter(room_id=room).values_list("id", "body"))
    assert len(stored) == SENDERS * PER_SENDER
    shown = receiver.shown()
    lost = set(stored) - set(shown)
    assert not lost, f"{len(lost)} committed messages never reached the receiver"
    assert {i: m["body"] for i, m in shown.items()} == stored
    assert len({m["body"] for m in shown.values()}) == len(shown)  # each message once
    assert reconnects >= 3  # it really did come and go while the senders wrote
