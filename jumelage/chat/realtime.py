"""Chat over the project WebSocket: frames "chat.<action>" and room events.

Frames (client → server), each checked against chat.policies with the
connection's access (consumer.access, built once per connection: no frame
queries the membership):
  chat.join    {room, since?}     → chat.history {mode, messages, removed, cursor, has_more}:
                                    the recent messages, or (since = the cursor of an earlier
                                    chat.history) every change after it: new, approved or
                                    edited messages in their current state, and the ids of
                                    those deleted or hidden (`removed`). Repeat with the new
                                    cursor while has_more.
  chat.leave   {room}
  chat.send    {room, client_id, body} → chat.ack {client_id, id}; chat.message to the room
  chat.typing  {room}               → chat.typing {room, users: [{user_id, name}]} to the
                                    others, at most one per connection every TYPING_EVERY s,
                                    coalesced per room over TYPING_WINDOW s (_TypingBatch)
  chat.older   {room, before}     → chat.history (older messages, for scrolling back)
Live changes: chat.message {message} or chat.removed {room, id, seq}; each carries the
room's change number `seq` and every joined connection gets every number, so a client
whose numbers are contiguous up to N may resume with since=N without missing anything
(see Message.seq); a gap means an event was lost or overtaken: resume to fill it.
Presence: joining announces the connection to the room; every connection
already there answers the newcomer directly, so presence works across server
processes without shared state.
"""

import asyncio
import hashlib
import logging
import time

from channels.exceptions import ChannelFull
from django.utils.translation import gettext as _

from jumelage.core.errors import Refused
from jumelage.realtime import fanout, registry
from jumelage.realtime.db import pooled
from jumelage.realtime.frames import frame_id

from . import policies, services
from .forms import MessageForm
from .models import Room

log = logging.getLogger(__name__)


def _connection_key(channel_name: str) -> str:
    return hashlib.sha1(channel_name.encode()).hexdigest()[:12]  # noqa: S324 - not security


# --- Database work, in a thread -----------------------------------------------------------


@pooled
def _load_room(access, room_id):
    room = Room.objects.filter(pk=room_id, project_id=access.project.pk).first()
    if room is None:
        return None
    room.project = access.project
    return room if policies.can_view_room(access, room) else None


@pooled
def _history(access, room, **kwargs):
    messages, has_more = services.history(access, room, **kwargs)
    return [services.serialise(m) for m in messages], has_more


def _split(messages, access):
    """(messages this user sees, {id, seq} of those to remove) from serialised messages."""
    shown, removed = [], []
    for message in messages:
        if services.visible_to(message, access):
            shown.append(message)
        else:
            removed.append({"id": message["id"], "seq": message["seq"]})
    return shown, removed


@pooled
def _catch_up(access, room, since):
    """The history frame for a join: recent messages, or every change after `since`."""
    if since is not None and since <= services.cursor(room):
        rows, cursor, has_more = services.changes(room, since)
        shown, removed = _split([services.serialise(m) for m in rows], access)
        shown.sort(key=lambda m: m["id"])
        return {
            "mode": "missed",
            "messages": shown,
            "removed": removed,
            "cursor": cursor,
            "has_more": has_more,
        }
    # First join, or a cursor from elsewhere (another database, a reset): start afresh.
    cursor = services.cursor(room)
    messages, has_more = services.history(access, room)
    return {
        "mode": "recent",
        "messages": [services.serialise(m) for m in messages],
        "removed": [],
        "cursor": cursor,
        "has_more": has_more,
    }


@pooled
def _send(user, access, room, body, client_id):
    """The stored message, serialised; None if refused (room closed, writer muted)."""
    try:
        message = services.post_message(user, access, room, body, client_id)
    except Refused:
        return None
    return services.serialise(message)


# --- Frames ---------------------------------------------------------------------------------


async def _join(consumer, state, room_id, content) -> None:
    room = await _load_room(consumer.access, room_id)
    if room is None:
        await consumer.send_error("forbidden", _("You cannot enter this room."), room=room_id)
        return
    since = frame_id(content.get("since"))
    already = room_id in state
    state[room_id] = room
    if not already:
        # Join the group before reading: a change committed meanwhile comes live.
        await consumer.join_group(services.room_group(room_id))
    frame = await _catch_up(consumer.access, room, since)
    await consumer.send_json(
        {"type": "chat.history", "room": room_id, **frame, "closed": not room.is_open}
    )
    if not already:
        await _presence(consumer, room_id, "join")


async def _leave(consumer, state, room_id, content) -> None:
    state.pop(room_id, None)
    await _presence(consumer, room_id, "leave")
    await consumer.leave_group(services.room_group(room_id))


TYPING_EVERY = 2.5  # seconds: one "typing" per connection and room in this interval
TYPING_WINDOW = 0.4  # seconds: who typed in a room meanwhile goes out as one event


class _TypingBatch:
    """This process's typists of one room, sent as ONE group event per window.

    Without it, 30 pupils typing in a room cost 30 x 30 frames per keystroke;
    with it, each connection gets at most one frame per window per server
    process, listing everyone who typed: O(n) frames, however many type.
    """

    batches: dict = {}  # (layer id, room id) -> _TypingBatch

    def __init__(self, layer, room_id):
        self.layer, self.room_id, self.users = layer, room_id, {}

    @classmethod
    def add(cls, consumer, room_id) -> None:
        key = (id(consumer.channel_layer), room_id)
        batch = cls.batches.get(key)
        if batch is None:
            batch = cls.batches[key] = cls(consumer.channel_layer, room_id)
            asyncio.get_running_loop().call_later(
                TYPING_WINDOW, lambda: asyncio.ensure_future(batch.flush(key))
            )
        batch.users[consumer.user.pk] = str(consumer.user)

    async def flush(self, key) -> None:
        self.batches.pop(key, None)
        users = [{"user_id": pk, "name": name} for pk, name in self.users.items()]
        try:
            await self.layer.group_send(
                services.room_group(self.room_id),
                {"type": "chat.typing", "room": self.room_id, "users": users},
            )
        except Exception:  # noqa: BLE001 - a lost "is typing" is harmless
            log.warning("chat: could not send typing to room %s", self.room_id, exc_info=True)


async def _typing(consumer, state, room_id, content) -> None:
    """Throttled per connection (TYPING_EVERY), coalesced per room and process (_TypingBatch)."""
    last = consumer.__dict__.setdefault("chat_typed_at", {})
    now = time.monotonic()
    if now - last.get(room_id, -TYPING_EVERY) < TYPING_EVERY:
        return
    last[room_id] = now
    _TypingBatch.add(consumer, room_id)


async def _older(consumer, state, room_id, content) -> None:
    before = frame_id(content.get("before"))
    if before is None:
        await consumer.send_error("bad_frame", _("Say before which message."), room=room_id)
        return
    messages, has_more = await _history(consumer.access, state[room_id], before=before)
    await consumer.send_json(
        {
            "type": "chat.history",
            "room": room_id,
            "mode": "older",
            "messages": messages,
            "has_more": has_more,
        }
    )


async def _post(consumer, state, room_id, content) -> None:
    """chat.send: validated by MessageForm (as the form post), stored in at most 3 queries."""
    data = {key: content.get(key) for key in ("body", "client_id")}
    form = MessageForm({key: value for key, value in data.items() if isinstance(value, str)})
    refusal = form.refusal()
    client_id = form.cleaned_data.get("client_id")
    extra = {"client_id": client_id} if client_id else {}
    if refusal is not None:
        await consumer.send_error(*refusal, room=room_id, **extra)
        return
    room = state[room_id]
    message = None
    if policies.can_write(consumer.access, room):
        message = await _send(
            consumer.user, consumer.access, room, form.cleaned_data["body"], client_id
        )
    if message is None:
        await consumer.send_error(
            "forbidden", _("You cannot write in this room now."), room=room_id, **extra
        )
        return
    await consumer.send_json(
        {
            "type": "chat.ack",
            "room": room_id,
            "client_id": client_id,
            "id": message["id"],
            "visibility": message["visibility"],
        }
    )


FRAMES = {"join": _join, "leave": _leave, "send": _post, "typing": _typing, "older": _older}


async def frames(consumer, action, content) -> None:
    if consumer.access is None:  # the personal socket /ws/me/ has no project
        await consumer.send_error("forbidden", _("You cannot enter this room."))
        return
    state = consumer.__dict__.setdefault("chat_rooms", {})
    room_id = frame_id(content.get("room"))
    if room_id is None:
        await consumer.send_error("bad_frame", _("A chat frame needs a room."))
        return
    if action != "join" and room_id not in state:
        await consumer.send_error("not_joined", _("Join the room first."), room=room_id)
        return
    handler = FRAMES.get(action)
    if handler is None:
        await consumer.send_error("unknown_type", _("Unknown chat action."))
        return
    await handler(consumer, state, room_id, content)


async def _presence(consumer, room_id, action) -> None:
    await consumer.channel_layer.group_send(
        services.room_group(room_id),
        {
            "type": "chat.presence",
            "action": action,
            "room": room_id,
            "user_id": consumer.user.pk,
            "name": str(consumer.user),
            "channel": consumer.channel_name,
        },
    )


# --- Events (group → this connection): no database work -------------------------------------


async def _on_message(consumer, room_id, event) -> None:
    """The message as its user may see it, from that connection's access; encoded once."""
    message = event["message"]
    if services.visible_to(message, consumer.access):
        await consumer.send(
            text_data=fanout.encoded(
                event, "message", lambda: {"type": "chat.message", "message": message}
            )
        )
    else:  # deleted, or someone else's pending or hidden message: the number only
        await consumer.send_json(
            {"type": "chat.removed", "room": room_id, "id": message["id"], "seq": message["seq"]}
        )


def _presence_frame(room_id, event, *, present: bool, me: bool) -> dict:
    return {
        "type": "chat.presence",
        "room": room_id,
        "user_id": event["user_id"],
        "name": event["name"],
        "key": _connection_key(event["channel"]),
        "present": present,
        "me": me,
    }


HERE_WINDOW = 0.05  # seconds: this process's members answer a newcomer together


class _HereReplies:
    """This process's members of a room, telling one newcomer they are there, in ONE message.

    A direct send costs channels-redis four round trips: when every member answered
    on its own, 1,000 pupils joining 100 rooms kept two server processes busy for
    13 s after the last join. Now a newcomer gets one answer per server process.
    """

    pending: dict = {}  # (layer id, newcomer's channel) -> _HereReplies

    def __init__(self, layer, channel, room_id):
        self.layer, self.channel, self.room_id, self.members = layer, channel, room_id, []

    @classmethod
    def add(cls, consumer, room_id, channel) -> None:
        key = (id(consumer.channel_layer), channel)
        batch = cls.pending.get(key)
        if batch is None:
            batch = cls.pending[key] = cls(consumer.channel_layer, channel, room_id)
            asyncio.get_running_loop().call_later(
                HERE_WINDOW, lambda: asyncio.ensure_future(batch.flush(key))
            )
        batch.members.append(
            {
                "user_id": consumer.user.pk,
                "name": str(consumer.user),
                "channel": consumer.channel_name,
            }
        )

    async def flush(self, key) -> None:
        self.pending.pop(key, None)
        try:
            await self.layer.send(
                self.channel, {"type": "chat.here", "room": self.room_id, "members": self.members}
            )
        except ChannelFull:  # the newcomer's server is flooded: a missed "here" is harmless
            log.warning("chat: presence reply dropped, the channel is full")
        except Exception:  # noqa: BLE001 - a lost "here" is harmless (Redis down: all resume)
            log.warning("chat: could not answer a newcomer in room %s", self.room_id)


async def _on_presence(consumer, room_id, event) -> None:
    mine = event["channel"] == consumer.channel_name
    await consumer.send_json(
        _presence_frame(room_id, event, present=event["action"] == "join", me=mine)
    )
    if event["action"] == "join" and not mine:
        _HereReplies.add(consumer, room_id, event["channel"])


async def _on_here(consumer, room_id, event) -> None:
    for member in event["members"]:
        await consumer.send_json(_presence_frame(room_id, member, present=True, me=False))


async def _on_typing(consumer, room_id, event) -> None:
    others = [u for u in event["users"] if u["user_id"] != consumer.user.pk]
    if others:
        await consumer.send_json({"type": "chat.typing", "room": room_id, "users": others})


async def _pass_on(consumer, room_id, event) -> None:
    await consumer.send_json(
        {k: v for k, v in event.items() if k != "channel" and not k.startswith("_")}
    )


EVENTS = {
    "chat.message": _on_message,
    "chat.presence": _on_presence,
    "chat.here": _on_here,
    "chat.typing": _on_typing,
    "chat.closed": _pass_on,
    "chat.muted": _pass_on,
}


async def events(consumer, event) -> None:
    state = getattr(consumer, "chat_rooms", {})
    room_id = event.get("room") or event.get("message", {}).get("room")
    handler = EVENTS.get(event["type"])
    if room_id in state and handler is not None:
        await handler(consumer, room_id, event)


async def on_disconnect(consumer) -> None:
    for room_id in list(getattr(consumer, "chat_rooms", {})):
        await _presence(consumer, room_id, "leave")


def register() -> None:
    registry.register("chat", frames, events, actions=tuple(FRAMES))
    registry.on_disconnect(on_disconnect)
