"""A real WebSocket client (the `websockets` library) for tests against a real server."""

import json
from urllib.parse import urlsplit

from websockets.sync.client import connect


def session_cookie(user) -> str:
    """A real session for `user` (as after a login), as a Cookie header value."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def open_socket(base_url: str, path: str, user=None, *, cookie: str | None = None, origin=None):
    """Open ws://host:port/path as `user`, sending the Origin a browser on base_url would."""
    parts = urlsplit(base_url)
    headers = {}
    if user is not None or cookie:
        headers["Cookie"] = cookie or session_cookie(user)
    return connect(
        f"ws://{parts.netloc}{path}",
        origin=origin or f"{parts.scheme}://{parts.netloc}",
        additional_headers=headers,
        open_timeout=10,
        close_timeout=2,
    )


def receive_until(socket, wanted: str, timeout: float = 10) -> dict:
    """The next frame of type `wanted` (or an error frame), skipping others."""
    while True:
        frame = json.loads(socket.recv(timeout=timeout))
        if frame.get("type") in (wanted, "error"):
            return frame


def send(socket, frame: dict) -> None:
    socket.send(json.dumps(frame))
