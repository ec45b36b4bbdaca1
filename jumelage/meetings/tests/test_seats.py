"""Meeting seats are tied to live connections (issue 13, H2).

A server process killed with SIGKILL runs no disconnect code: its seats stay in
the database. They stop being renewed by the connection heartbeat, expire after
MEETING_SEAT_TTL seconds and are swept by the next join, so the room does not
stay "full" of ghosts.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack

import pytest
from django.conf import settings as django_settings

from jumelage.meetings.models import MAX_PARTICIPANTS, MeetingRoom, Participant
from jumelage.realtime.tests.client import open_socket, receive_until, send, session_cookie
from jumelage.testing import make_project

pytestmark = pytest.mark.services

HEARTBEAT, TTL = "0.5", "3"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url(connection) -> str:
    cfg = connection.settings_dict
    auth = cfg["USER"] + (f":{cfg['PASSWORD']}" if cfg["PASSWORD"] else "")
    return f"postgres://{auth}@{cfg['HOST'] or '127.0.0.1'}:{cfg['PORT'] or 5432}/{cfg['NAME']}"


@pytest.fixture
def server_process(postgres, redis_url):
    """A separate uvicorn process on the test database and Redis, to be killed."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(postgres),
        "REDIS_URL": redis_url,
        "REALTIME_HEARTBEAT": HEARTBEAT,
        "MEETING_SEAT_TTL": TTL,
        "DJANGO_SETTINGS_MODULE": "jumelage.settings",
    }
    process = subprocess.Popen(
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
            "--lifespan",
            "off",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=django_settings.BASE_DIR,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the uvicorn process did not start") from None
            time.sleep(0.2)
    yield process, f"http://127.0.0.1:{port}"
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)


def test_seats_of_a_killed_server_process_are_freed_for_a_newcomer(
    server_process, live_asgi, settings
):
    settings.REALTIME_HEARTBEAT, settings.MEETING_SEAT_TTL = float(HEARTBEAT), float(TTL)
    process, doomed_url = server_process
    project = make_project()
    alice, bob = [m.user for m in project.memberships.filter(is_founder=True)]
    room = MeetingRoom.objects.create(project=project, title="Call", created_by=alice)
    path = f"/ws/projects/{project.pk}/"

    cookie = session_cookie(alice)
    with ExitStack() as sockets:
        for _ in range(MAX_PARTICIPANTS):
            ws = sockets.enter_context(open_socket(doomed_url, path, cookie=cookie))
            send(ws, {"type": "meeting.join", "room": room.pk})
            assert receive_until(ws, "meeting.joined")["type"] == "meeting.joined"
        assert Participant.objects.filter(room=room).count() == MAX_PARTICIPANTS
        process.send_signal(signal.SIGKILL)  # no disconnect, no finally: the seats stay behind
        process.wait(timeout=10)
    assert Participant.objects.filter(room=room).count() == MAX_PARTICIPANTS

    with open_socket(live_asgi, path, bob) as newcomer:
        deadline = time.monotonic() + 60
        while True:
            send(newcomer, {"type": "meeting.join", "room": room.pk})
            answer = receive_until(newcomer, "meeting.joined")
            if answer["type"] == "meeting.joined" or time.monotonic() > deadline:
                break
            assert answer["code"] == "meeting_full"
            time.sleep(0.5)
        assert answer["type"] == "meeting.joined", answer
        assert Participant.objects.filter(room=room, user=bob).count() == 1
