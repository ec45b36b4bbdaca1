"""A Redis restart: sockets are refused cleanly with 1013, then come back (issue 13, Low).

The test runs its own redis-server on a free port (never the shared one), points
the channel layer at it, kills it and starts it again.
"""

import shutil
import signal
import socket
import subprocess
import time

import pytest
from websockets.exceptions import ConnectionClosed

from jumelage.core.testing import make_teacher
from jumelage.realtime.outage import CLOSE_TRY_LATER
from jumelage.realtime.publish import send_now
from jumelage.realtime.registry import user_group
from jumelage.realtime.testing import fresh_channel_layers

from .client import open_socket, receive_until, session_cookie

pytestmark = pytest.mark.services


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OwnRedis:
    def __init__(self, tmp_path):
        self.port, self.dir, self.process = _free_port(), tmp_path, None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.1)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path, settings):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    redis = OwnRedis(tmp_path)
    redis.start()
    layer = {**settings.CHANNEL_LAYERS["default"]}
    config = {**layer.get("CONFIG", {})}
    config["hosts"] = [
        {
            "address": f"redis://127.0.0.1:{redis.port}/0",
            "socket_timeout": 30,
            "socket_connect_timeout": 2,
        }
    ]
    config["prefix"] = "jumelage-restart"
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": config}
    }
    fresh_channel_layers()
    yield redis
    if redis.process.poll() is None:
        redis.kill()
    fresh_channel_layers()


def closed_code(ws) -> int | None:
    """Read until the server closes: its close code."""
    try:
        while True:
            ws.recv(timeout=10)
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


def test_sockets_during_a_redis_restart_are_told_to_retry_and_then_work(own_redis, live_asgi):
    teacher = make_teacher()
    cookie = session_cookie(teacher)
    with open_socket(live_asgi, "/ws/me/", cookie=cookie) as ws:
        receive_until(ws, "notifications.unread")
        own_redis.kill()
        assert closed_code(ws) == CLOSE_TRY_LATER  # was 1011, a crash

    # Redis down: the handshake is answered (not an HTTP 500) and closed with 1013.
    with open_socket(live_asgi, "/ws/me/", cookie=cookie) as ws:
        assert closed_code(ws) == CLOSE_TRY_LATER

    own_redis.start()
    # The client retries with backoff until the layer is back.
    delay, deadline = 0.2, time.monotonic() + 60
    while True:
        with open_socket(live_asgi, "/ws/me/", cookie=cookie) as ws:
            try:
                receive_until(ws, "notifications.unread")
                send_now(user_group(teacher.pk), {"type": "notifications.unread", "count": 7})
                frame = receive_until(ws, "notifications.unread")
                break
            except ConnectionClosed as closed:
                assert closed.rcvd is not None and closed.rcvd.code == CLOSE_TRY_LATER
                assert time.monotonic() < deadline, "the socket never came back"
        time.sleep(delay)
        delay = min(delay * 2, 2)
    assert frame == {"type": "notifications.unread", "count": 7}
