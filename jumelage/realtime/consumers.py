"""The project WebSocket and the personal WebSocket.

Authenticated by the session (AuthMiddlewareStack), origin checked (origin.py),
every connect through policies.py, which asks the connect policy a domain app
registered (registry.register_connect_policy) for the connection's access.
Frames are JSON objects with a "type" such as "chat.send"; the prefix picks the
handler an app registered (see registry.py).

What holds for every connection, whatever a client sends or a handler does:
- a frame is parsed strictly (frames.py); a bad one gets an error frame and the
  connection stays open; so does a frame whose handler fails;
- the access (`self.access`: membership, role, what it may see and do) is built
  once at connect and every handler reads it; revocation events (signals.py)
  close the connection at once with 4401 (signed out) or 4403 (no longer
  allowed), or 1012 (role changed: the client reconnects and gets a new access);
- in case an event is lost, the session and the access are checked again at
  most every policies.recheck_seconds() (30 s), on the next frame or heartbeat
  after that interval: a lost revocation is honoured within that bound;
- disconnect hooks (meeting seats, presence) run exactly once however the
  connection ends: close, crash, or the server shutting down.
"""

import asyncio
import contextlib
import functools
import logging
import random
import time

from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.layers import get_channel_layer
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import fanout, frames, policies, recheck, registry

log = logging.getLogger(__name__)

MAX_FRAME_BYTES = frames.MAX_FRAME_BYTES
RATE_LIMIT = 20  # frames
RATE_WINDOW = 5.0  # seconds

CLOSE_UNAUTHENTICATED = policies.CLOSE_UNAUTHENTICATED
CLOSE_FORBIDDEN = policies.CLOSE_FORBIDDEN
CLOSE_RECONNECT = 1012  # "service restart": rights changed, the client reconnects
CLOSE_TRY_LATER = 1013  # "try again later": Redis unavailable (see outage.py)


class _Pumped:
    """A message from the socket or the connection's channel, waiting in the inbox."""

    __slots__ = ("message", "error", "done")

    def __init__(self, message, error):
        self.message, self.error, self.done = message, error, asyncio.Event()


class BaseConsumer(AsyncJsonWebsocketConsumer):
    project_id: int | None = None
    user = None
    access = None  # what the connect policy returned; built once, rebuilt by each re-check
    checked_at = 0.0  # time.monotonic() of the last check of the session and the access

    async def __call__(self, scope, receive, send):
        """Run the consumer; whatever ends it, clean up (seats, groups) once.

        As channels' AsyncConsumer.__call__, with one queue for every source of
        events (`inbox`, see _serve), where this process's relays (fanout.py) also
        put the events of the groups joined with `join_group`.
        """
        self.inbox = asyncio.Queue()
        try:
            self.scope = scope
            self.base_send = send
            self.channel_layer = get_channel_layer(self.channel_layer_alias)
            sources = [receive]
            if self.channel_layer is not None:
                self.channel_name = await self.channel_layer.new_channel()
                self.channel_receive = functools.partial(
                    self.channel_layer.receive, self.channel_name
                )
                sources.append(self.channel_receive)
            with contextlib.suppress(StopConsumer):
                await self._serve(sources)
        finally:
            await self._cleanup()

    async def _serve(self, sources) -> None:
        """Dispatch, one at a time and in arrival order, everything `inbox` receives.

        The relays put group events straight into the inbox; the socket and this
        connection's own channel are read by one pump task each, which hands over a
        message and waits until it is dispatched (so a client sending faster than
        it is served is held back by its socket, as before). This replaces channels'
        await_many_dispatch, which created a task and an asyncio.wait per event:
        17 % of a server's event loop at 2,000 copies a second.
        """
        pumps = [asyncio.ensure_future(self._pump(source)) for source in sources]
        try:
            while True:
                item = await self.inbox.get()
                if type(item) is not _Pumped:
                    await self.dispatch(item)
                    continue
                if item.error is not None:
                    raise item.error
                try:
                    await self.dispatch(item.message)
                finally:
                    item.done.set()
        finally:
            for pump in pumps:
                pump.cancel()
            await asyncio.gather(*pumps, return_exceptions=True)

    async def _pump(self, source) -> None:
        while True:
            try:
                message = await source()
            except asyncio.CancelledError:
                raise
            except BaseException as error:  # noqa: BLE001 - raised by _serve, in its task
                self.inbox.put_nowait(_Pumped(None, error))
                return
            item = _Pumped(message, None)
            self.inbox.put_nowait(item)
            await item.done.wait()

    # --- connecting and staying authorised ---------------------------------

    async def refuse(self, code: int) -> None:
        """Accept, then close with a 44xx code the client can read.

        Closing before accepting would only give the browser an HTTP 403 on the
        handshake (close code 1006), which says nothing about why.
        """
        await self.accept()
        await self.close(code=code)

    async def _authorise(self, *, together: bool = False):
        """(user, access, None) or (None, None, close code): policies.authorise in a thread.

        `together`: asked with this process's other re-checks due now (recheck.py).
        """
        if together:
            user, access, code = await recheck.authorise(self.scope, self.project_id)
        else:
            user, access, code = await database_sync_to_async(policies.authorise)(
                self.scope, self.project_id
            )
        self.checked_at = time.monotonic()
        if user is not None and self.user is not None and user.pk != self.user.pk:
            return None, None, CLOSE_UNAUTHENTICATED  # the session now belongs to someone else
        return user, access, code

    async def _open(self, groups_for) -> bool:
        """Check the rights, join the groups (`groups_for(user)`), accept. False if refused."""
        user, access, code = await self._authorise()
        if user is None:
            await self.refuse(code)
            return False
        self.user, self.access = user, access
        self._cleaned = False
        session = self.scope.get("session")
        self.session_fingerprint = policies.session_fingerprint(
            session.session_key if session is not None else None
        )
        self.groups_joined = []
        self.groups_relayed = []
        await self.channel_layer.group_add(registry.sockets_group(user.pk), self.channel_name)
        self.groups_joined.append(registry.sockets_group(user.pk))
        for group in groups_for(user):
            await self.join_group(group)
        await self.accept()
        self._heartbeat = asyncio.ensure_future(self._beat())
        return True

    def recheck_due(self, ahead: float = 0.0) -> bool:
        """The re-check is due, or will be within `ahead` seconds."""
        # Each connection re-checks after its own 75-100 % of the bound: a class that
        # connected together would otherwise re-check together, every 30 s, all at once.
        interval = getattr(self, "_recheck_interval", None)
        if interval is None:
            interval = self._recheck_interval = policies.recheck_seconds() * random.uniform(
                0.75, 1.0
            )
        return time.monotonic() - self.checked_at >= interval - ahead

    async def _still_allowed(self, *, together: bool = False) -> bool:
        """Re-check the session and rights; close the connection if they are gone."""
        user, access, code = await self._authorise(together=together)
        if user is None:
            await self.revoke(code)
            return False
        if getattr(access, "role", None) != getattr(self.access, "role", None):
            # A role change whose event was lost: reconnect, as the event would have made
            # it, so that every handler's state (rooms joined, seats) is rebuilt too.
            await self.revoke(CLOSE_RECONNECT)
            return False
        self.user, self.access = user, access
        return True

    async def revoke(self, code: int) -> None:
        """Close now and run the cleanup: no frame nor event reaches it after this."""
        if getattr(self, "_revoked", False):
            return
        self._revoked = True
        await self._cleanup()
        await self.close(code=code)

    async def _beat(self) -> None:
        """Heartbeat: hooks (meeting seats) every REALTIME_HEARTBEAT s, rights when due.

        A re-check due before the next beat is made now, with the process's others
        (recheck.py), so that a frame seldom finds it due and asks alone.
        """
        while True:
            beat = settings.REALTIME_HEARTBEAT
            await asyncio.sleep(beat)
            try:
                if self.recheck_due(ahead=beat) and not await self._still_allowed(together=True):
                    return
                for hook in registry.HEARTBEAT_HOOKS:
                    await hook(self)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - a missed beat is retried at the next one
                log.warning("realtime: heartbeat failed", exc_info=True)

    async def realtime_revoke(self, event) -> None:
        """A revocation event (signals.py) for this user: close if it concerns us."""
        if event.get("session") and event["session"] != self.session_fingerprint:
            return
        if event.get("project") is not None and event["project"] != self.project_id:
            return
        await self.revoke(event.get("code", CLOSE_UNAUTHENTICATED))

    # --- frames ---------------------------------------------------------------

    async def send_error(self, code: str, message, **extra) -> None:
        """An error frame; `about` names the frame it answers, so a client routes it by prefix."""
        with translation.override(self._language()):
            text = str(message)
        about = getattr(self, "_frame_type", None)
        extra = {"about": about, **extra} if about else extra
        await self.send_json({"type": "error", "code": code, "message": text, **extra})

    def _language(self) -> str:
        return getattr(self.user, "reading_language", None) or settings.LANGUAGE_CODE

    def _rate_limited(self) -> bool:
        now = time.monotonic()
        window = [t for t in getattr(self, "_frame_times", []) if now - t < RATE_WINDOW]
        window.append(now)
        self._frame_times = window
        return len(window) > RATE_LIMIT

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if getattr(self, "_revoked", False):
            return
        if self._rate_limited():
            await self.send_error("rate_limited", _("Too many messages; slow down."))
            return
        try:
            content = frames.parse(text_data)
        except frames.BadFrame as refusal:
            await self.send_error(refusal.code, refusal.message)
            return
        if self.recheck_due() and not await self._still_allowed():
            return
        self._frame_type = content["type"]
        with translation.override(self._language()):
            try:
                await self.receive_json(content)
            except Exception:  # noqa: BLE001 - one bad frame never ends the connection
                log.exception("realtime: the handler of %r failed", content.get("type"))
                await self.send_error("server_error", _("This could not be done; try again."))
            finally:
                self._frame_type = None

    async def receive_json(self, content, **kwargs):
        prefix, _dot, action = content["type"].partition(".")
        handler = registry.FRAME_HANDLERS.get(prefix)
        if handler is None or not action:
            await self.send_error("unknown_type", _("Unknown frame type."))
            return
        await handler(self, action, content)

    async def send(self, text_data=None, bytes_data=None, close=False):
        if getattr(self, "_revoked", False) and not close:
            return  # nothing leaves a revoked connection (events already in flight)
        await super().send(text_data=text_data, bytes_data=bytes_data, close=close)

    async def dispatch(self, message):
        """Group events "<prefix>.<event>" go to the app that registered the prefix."""
        prefix, _dot, _rest = message.get("type", "").partition(".")
        if getattr(self, "_revoked", False) and prefix != "websocket":
            return
        if prefix in registry.EVENT_HANDLERS:
            await registry.EVENT_HANDLERS[prefix](self, message)
            return
        if message["type"] == "websocket.receive":
            # channels' dispatch would first hop to the database thread to close its
            # stale connections (aclose_old_connections): 8 % of the event loop at 200
            # frames/s, plus the thread's own time. A frame's database work runs through
            # database_sync_to_async or realtime.db.pooled, which close them around
            # each call already. Connect and disconnect keep channels' path.
            await self.websocket_receive(message)
            return
        await super().dispatch(message)

    # --- ending -----------------------------------------------------------------

    async def disconnect(self, code):
        await self._cleanup()

    async def _cleanup(self) -> None:
        """Disconnect hooks and group removal, once; each step on its own (Redis may be down)."""
        if getattr(self, "_cleaned", True):
            return  # refused at connect, or already cleaned up
        self._cleaned = True
        heartbeat = getattr(self, "_heartbeat", None)
        if heartbeat is not None and heartbeat is not asyncio.current_task():
            heartbeat.cancel()
        for hook in self.disconnect_hooks():
            try:
                await hook(self)
            except Exception:  # noqa: BLE001 - the next hooks and the seat expiry still run
                log.warning("realtime: disconnect hook %r failed", hook, exc_info=True)
        for group in list(getattr(self, "groups_joined", [])):
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except Exception:  # noqa: BLE001 - the layer expires group members itself
                log.warning("realtime: could not leave %s", group, exc_info=True)
        for group in list(getattr(self, "groups_relayed", [])):
            try:
                await fanout.for_layer(self.channel_layer).leave(group, self)
            except Exception:  # noqa: BLE001 - the layer expires group members itself
                log.warning("realtime: could not leave %s", group, exc_info=True)

    # --- groups: events shared by many connections, through the process's relay -------

    async def join_group(self, group: str) -> None:
        """Receive the group's events: through this process's one relay (fanout.py) if on."""
        if not settings.REALTIME_RELAYS:
            await self.channel_layer.group_add(group, self.channel_name)
            self.groups_joined.append(group)
            return
        await fanout.for_layer(self.channel_layer).join(group, self)
        self.groups_relayed.append(group)

    async def leave_group(self, group: str) -> None:
        if group in self.groups_joined:
            self.groups_joined.remove(group)
            await self.channel_layer.group_discard(group, self.channel_name)
            return
        if group in self.groups_relayed:
            self.groups_relayed.remove(group)
        await fanout.for_layer(self.channel_layer).leave(group, self)

    def disconnect_hooks(self):
        return []


class ProjectConsumer(BaseConsumer):
    async def connect(self):
        self.project_id = int(self.scope["url_route"]["kwargs"]["project_id"])
        if not await self._open(lambda user: [registry.project_group(self.project_id)]):
            return
        for hook in registry.CONNECT_HOOKS:
            await hook(self)

    def disconnect_hooks(self):
        return registry.DISCONNECT_HOOKS


class UserConsumer(BaseConsumer):
    """Personal events: notifications, unread counts."""

    async def connect(self):
        if not await self._open(lambda user: [registry.user_group(user.pk)]):
            return
        self.group = registry.user_group(self.user.pk)
        for hook in registry.USER_CONNECT_HOOKS:
            await hook(self)

    def disconnect_hooks(self):
        return registry.USER_DISCONNECT_HOOKS
