"""A redis-server of the test's own, on a free port, to kill and restart.

Never the shared Redis: other test runs use it. The `own_redis` fixture points
the channel layer at it (same settings as production, see settings.py).
"""

import shutil
import signal
import socket
import subprocess
import time

import pytest

from jumelage.realtime.testing import fresh_channel_layers


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
            **config["hosts"][0],  # the project's connection settings, on this Redis
            "address": f"redis://127.0.0.1:{redis.port}/0",
            "socket_connect_timeout": 2,
        }
    ]
    config["prefix"] = "jumelage-restart"
    settings.CHANNEL_LAYERS = {"default": {**layer, "CONFIG": config}}
    fresh_channel_layers()
    yield redis
    if redis.process.poll() is None:
        redis.kill()
    fresh_channel_layers()
