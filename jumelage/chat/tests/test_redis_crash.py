"""Redis killed in the middle of a chat: sockets are told to retry, resume, lose nothing.

The room's events reach each server process through one relay (realtime/fanout.py).
When the layer dies under it, every socket of the relay is closed with 1013 (try
again later); once Redis is back the clients reconnect and resume from their
cursor. The test runs its own redis-server (never the shared one) and kills it.
"""

import time

import pytest
from websockets.exceptions import ConnectionClosed

from jumelage.chat.models import Room
from jumelage.realtime.outage import CLOSE_TRY_LATER
from jumelage.realtime.tests.client import open_socket, receive_until, send, session_cookie
from jumelage.realtime.tests.own_redis import own_redis  # noqa: F401 - fixture
from jumelage.realtime.tests.test_redis_restart import closed_code
from jumelage.testing import make_project, make_pupil


@pytest.fixture(autouse=True)
def _relays_on(settings):
    settings.REALTIME_RELAYS = True  # off by default without Redis (see settings.py)


pytestmark = pytest.mark.services


def join_when_back(base_url, path, cookie, room_id, since=None):
    """Reconnect with backoff until the layer is back; (socket, history frame)."""
    delay, deadline = 0.2, time.monotonic() + 60
    while True:
        ws = open_socket(base_url, path, cookie=cookie)
        try:
            frame = {"type": "chat.join", "room": room_id}
            if since is not None:
                frame["since"] = since
            send(ws, frame)
            return ws, receive_until(ws, "chat.history", timeout=30)
        except ConnectionClosed as closed:
            ws.close()
            assert closed.rcvd is not None and closed.rcvd.code == CLOSE_TRY_LATER
            assert time.monotonic() < deadline, "the socket never came back"
        time.sleep(delay)
        delay = min(delay * 2, 2)


class Client:
    """What chat.js does: on 1013, reconnect with backoff, resume from the cursor, resend."""

    def __init__(self, base_url, path, cookie, room):
        self.args, self.room = (base_url, path, cookie, room), room
        self.cursor, self.seen, self.ws = None, [], None
        self.connect()

    def connect(self):
        if self.ws is not None:
            self.ws.close()
        self.ws, history = join_when_back(*self.args, since=self.cursor)
        if history["mode"] == "missed":
            self.seen += [m["id"] for m in history["messages"]]
        self.cursor = max(self.cursor or 0, history["cursor"])

    def retrying(self, action):
        while True:
            try:
                return action()
            except ConnectionClosed as closed:
                assert closed.rcvd is not None and closed.rcvd.code == CLOSE_TRY_LATER
                self.connect()

    def post(self, n) -> int:
        def action():
            frame = {"type": "chat.send", "room": self.room, "client_id": f"c{n}", "body": f"m{n}"}
            send(self.ws, frame)
            return receive_until(self.ws, "chat.ack", timeout=30)["id"]

        return self.retrying(action)

    def receive(self, count):
        def action():
            while len(self.seen) < count:
                message = receive_until(self.ws, "chat.message", timeout=30)["message"]
                self.seen.append(message["id"])
                self.cursor = max(self.cursor, message["seq"])

        self.retrying(action)


def test_a_redis_crash_mid_stream_closes_with_1013_and_the_resume_loses_nothing(
    own_redis,  # noqa: F811
    live_asgi,
):
    project = make_project(pupils_need_approval=False)
    writer, reader = make_pupil(project), make_pupil(project)
    room = Room.objects.create(project=project, kind="general").pk
    path = f"/ws/projects/{project.pk}/"
    w = Client(live_asgi, path, session_cookie(writer), room)
    r = Client(live_asgi, path, session_cookie(reader), room)
    sent = [w.post(n) for n in range(5)]
    r.receive(5)

    own_redis.kill()
    assert closed_code(r.ws) == CLOSE_TRY_LATER  # told to retry, not left deaf
    assert closed_code(w.ws) == CLOSE_TRY_LATER
    own_redis.start()

    w.connect()
    sent += [w.post(n) for n in range(5, 8)]  # stored before the reader is back
    r.connect()  # resumes from its cursor: the three missed ones come in the history
    sent += [w.post(n) for n in range(8, 10)]  # and live again afterwards
    r.receive(10)
    assert r.seen == sent  # every message once, in order: 0 lost, 0 duplicated
    w.ws.close()
    r.ws.close()
