"""The project WebSocket and the personal WebSocket.

Authenticated by the session (AuthMiddlewareStack), origin checked
(AllowedHostsOriginValidator in asgi.py), every connect through policies.py.
Frames are JSON objects with a "type" such as "chat.send"; the prefix picks the
handler an app registered (see registry.py). A malformed or oversized frame
gets an error frame and the connection stays open.
"""

import json
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from . import policies, registry

MAX_FRAME_BYTES = 16 * 1024
RATE_LIMIT = 20  # frames
RATE_WINDOW = 5.0  # seconds

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403


class BaseConsumer(AsyncJsonWebsocketConsumer):
    async def refuse(self, code: int) -> None:
        """Accept, then close with a 44xx code the client can read.

        Closing before accepting would only give the browser an HTTP 403 on the
        handshake (close code 1006), which says nothing about why.
        """
        await self.accept()
        await self.close(code=code)

    async def send_error(self, code: str, message: str, **extra) -> None:
        await self.send_json({"type": "error", "code": code, "message": message, **extra})

    def _rate_limited(self) -> bool:
        now = time.monotonic()
        window = [t for t in getattr(self, "_frame_times", []) if now - t < RATE_WINDOW]
        window.append(now)
        self._frame_times = window
        return len(window) > RATE_LIMIT

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None or len(text_data.encode()) > MAX_FRAME_BYTES:
            await self.send_error("bad_frame", "Frames are JSON text of at most 16 KiB.")
            return
        if self._rate_limited():
            await self.send_error("rate_limited", "Too many messages; slow down.")
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self.send_error("bad_frame", "Not valid JSON.")
            return
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_error("bad_frame", "A frame is an object with a 'type'.")
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        prefix, _, action = content["type"].partition(".")
        handler = registry.FRAME_HANDLERS.get(prefix)
        if handler is None or not action:
            await self.send_error("unknown_type", f"Unknown frame type {content['type']!r}.")
            return
        await handler(self, action, content)

    async def dispatch(self, message):
        """Group events "<prefix>.<event>" go to the app that registered the prefix."""
        prefix, _, _ = message.get("type", "").partition(".")
        if prefix in registry.EVENT_HANDLERS:
            await registry.EVENT_HANDLERS[prefix](self, message)
            return
        await super().dispatch(message)


class ProjectConsumer(BaseConsumer):
    async def connect(self):
        self.user = self.scope.get("user")
        self.project_id = int(self.scope["url_route"]["kwargs"]["project_id"])
        if self.user is None or not self.user.is_authenticated:
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        allowed = await database_sync_to_async(policies.may_connect_to_project)(
            self.user, self.project_id
        )
        if not allowed:
            await self.refuse(CLOSE_FORBIDDEN)
            return
        self.groups_joined = [registry.project_group(self.project_id)]
        await self.channel_layer.group_add(self.groups_joined[0], self.channel_name)
        await self.accept()
        for hook in registry.CONNECT_HOOKS:
            await hook(self)

    async def join_group(self, group: str) -> None:
        await self.channel_layer.group_add(group, self.channel_name)
        self.groups_joined.append(group)

    async def leave_group(self, group: str) -> None:
        await self.channel_layer.group_discard(group, self.channel_name)
        if group in self.groups_joined:
            self.groups_joined.remove(group)

    async def disconnect(self, code):
        if not hasattr(self, "groups_joined"):
            return  # refused at connect: no hook saw this connection
        for hook in registry.DISCONNECT_HOOKS:
            await hook(self)
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)


class UserConsumer(BaseConsumer):
    """Personal events: notifications, unread counts."""

    async def connect(self):
        self.user = self.scope.get("user")
        if not policies.may_connect_as_user(self.user):
            await self.refuse(CLOSE_UNAUTHENTICATED)
            return
        self.group = registry.user_group(self.user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        for hook in registry.USER_CONNECT_HOOKS:
            await hook(self)

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)
