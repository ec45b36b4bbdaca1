"""A Redis restart: sockets are refused cleanly with 1013, then come back (issue 13, Low).

The test runs its own redis-server on a free port (never the shared one), points
the channel layer at it, kills it and starts it again.
"""

import time

import pytest
from websockets.exceptions import ConnectionClosed

from jumelage.realtime.outage import CLOSE_TRY_LATER
from jumelage.realtime.publish import send_now
from jumelage.realtime.registry import user_group
from jumelage.testing import make_teacher

from .client import open_socket, receive_until, session_cookie
from .own_redis import own_redis  # noqa: F401 - fixture

pytestmark = pytest.mark.services


def closed_code(ws) -> int | None:
    """Read until the server closes: its close code."""
    try:
        while True:
            ws.recv(timeout=10)
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


def test_sockets_during_a_redis_restart_are_told_to_retry_and_then_work(own_redis, live_asgi):  # noqa: F811
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
