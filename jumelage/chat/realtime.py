"""Chat over the project WebSocket: frames "chat.<action>" and room events.

Frames (client → server), each checked against chat.policies:
  chat.join    {room, since?}     → chat.history {mode, messages, removed, cursor, has_more}:
                                    the recent messages, or (since = the cursor of an earlier
                                    chat.history) every change after it: new, approved or
                                    edited messages in their current state, and the ids of
                                    those deleted or hidden (`removed`). Repeat with the new
                                    cursor while has_more.
  chat.leave   {room}
  chat.send    {room, client_id, body} → chat.ack {client_id, id}; chat.message to the room
  chat.typing  {room}
  chat.older   {room, before}     → chat.history (older messages, for scrolling back)
Live changes: chat.message {message} or chat.removed {room, id, seq}; each carries the
room's change number `seq` and every joined connection gets every number, so a client
whose numbers are contiguous up to N may resume with since=N without missing anything
(see Message.seq); a gap means an event was lost or overtaken: resume to fill it.
Presence: joining announces the connection to the room; every connection
already there answers the newcomer directly, so presence works across server
processes without shared state.
"""

import hashlib

from channels.db import database_sync_to_async
from django.utils.translation import gettext as _

from jumelage.realtime import registry

from . import policies, services
from .models import MAX_BODY, Room


def _connection_key(channel_name: str) -> str:
    return hashlib.sha1(channel_name.encode()).hexdigest()[:12]  # noqa: S324 - not security


MAX_INT = 2**63 - 1  # a database bigint


def _int(value):
    """A non-negative integer a database column can hold, else None."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    if isinstance(value, str) and not (1 <= len(value) <= 19 and value.isascii()):
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if 0 <= number <= MAX_INT else None


def _clean_text(value: str) -> bool:
    """A NUL or a lone surrogate cannot be stored (PostgreSQL refuses them)."""
    return "\x00" not in value and not any(0xD800 <= ord(c) <= 0xDFFF for c in value)


@database_sync_to_async
def _load_room(user, project_id, room_id):
    room = Room.objects.select_related("project").filter(pk=room_id, project_id=project_id).first()
    if room is None or not policies.can_view_room(user, room):
        return None, False
    return room, policies.can_moderate_room(user, room)


@database_sync_to_async
def _history(user, room, moderator, **kwargs):
    messages, has_more = services.history(user, room, moderator, **kwargs)
    return [services.serialise(m) for m in messages], has_more


def _split(messages, user_id, moderator):
    """(messages this user sees, {id, seq} of those to remove) from serialised messages."""
    shown, removed = [], []
    for message in messages:
        if services.visible_to(message, user_id, moderator):
            shown.append(message)
        else:
            removed.append({"id": message["id"], "seq": message["seq"]})
    return shown, removed


@database_sync_to_async
def _catch_up(user, room, moderator, since):
    """The history frame for a join: recent messages, or every change after `since`."""
    if since is not None and since <= services.cursor(room):
        rows, cursor, has_more = services.changes(room, since)
        shown, removed = _split([services.serialise(m) for m in rows], user.pk, moderator)
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
    messages, has_more = services.history(user, room, moderator)
    return {
        "mode": "recent",
        "messages": [services.serialise(m) for m in messages],
        "removed": [],
        "cursor": cursor,
        "has_more": has_more,
    }


@database_sync_to_async
def _send(user, room_id, body, client_id):
    room = Room.objects.select_related("project").get(pk=room_id)
    if not policies.can_post(user, room):
        return None, False
    message, created = services.post_message(user, room, body, client_id)
    return services.serialise(message), created


async def frames(consumer, action, content) -> None:
    state = consumer.__dict__.setdefault("chat_rooms", {})
    room_id = _int(content.get("room"))
    if room_id is None:
        await consumer.send_error("bad_frame", _("A chat frame needs a room."))
        return
    if action == "join":
        await _join(consumer, state, room_id, content)
        return
    if room_id not in state:
        await consumer.send_error("not_joined", _("Join the room first."), room=room_id)
        return
    if action == "leave":
        await _leave(consumer, state, room_id)
    elif action == "send":
        await _post(consumer, state, room_id, content)
    elif action == "typing":
        await consumer.channel_layer.group_send(
            services.room_group(room_id),
            {
                "type": "chat.typing",
                "room": room_id,
                "user_id": consumer.user.pk,
                "name": str(consumer.user),
                "channel": consumer.channel_name,
            },
        )
    elif action == "older":
        before = _int(content.get("before"))
        if before is None:
            await consumer.send_error("bad_frame", _("Say before which message."), room=room_id)
            return
        room = state[room_id]["room"]
        messages, has_more = await _history(
            consumer.user, room, state[room_id]["moderator"], before=before
        )
        await consumer.send_json(
            {
                "type": "chat.history",
                "room": room_id,
                "mode": "older",
                "messages": messages,
                "has_more": has_more,
            }
        )
    else:
        await consumer.send_error("unknown_type", _("Unknown chat action."))


async def _join(consumer, state, room_id, content) -> None:
    room, moderator = await _load_room(consumer.user, consumer.project_id, room_id)
    if room is None:
        await consumer.send_error("forbidden", _("You cannot enter this room."), room=room_id)
        return
    since = _int(content.get("since"))
    already = room_id in state
    state[room_id] = {"room": room, "moderator": moderator}
    if not already:
        # Join the group before reading: a change committed meanwhile comes live.
        await consumer.join_group(services.room_group(room_id))
    frame = await _catch_up(consumer.user, room, moderator, since)
    await consumer.send_json(
        {"type": "chat.history", "room": room_id, **frame, "closed": not room.is_open}
    )
    if not already:
        await _presence(consumer, room_id, "join")


async def _leave(consumer, state, room_id) -> None:
    state.pop(room_id, None)
    await _presence(consumer, room_id, "leave")
    await consumer.leave_group(services.room_group(room_id))


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


async def _post(consumer, state, room_id, content) -> None:
    body, client_id = content.get("body"), content.get("client_id")
    if not isinstance(client_id, str) or not 1 <= len(client_id) <= 64:
        await consumer.send_error("bad_frame", _("A message needs a client id."), room=room_id)
        return
    if not _clean_text(client_id):
        await consumer.send_error("bad_frame", _("A message needs a client id."), room=room_id)
        return
    if not isinstance(body, str) or not body.strip():
        await consumer.send_error(
            "empty", _("Write something first."), room=room_id, client_id=client_id
        )
        return
    if not _clean_text(body):
        await consumer.send_error(
            "bad_text",
            _("This message contains characters that cannot be stored."),
            room=room_id,
            client_id=client_id,
        )
        return
    if len(body) > MAX_BODY:
        await consumer.send_error(
            "too_long",
            _("A message has at most %(n)d characters.") % {"n": MAX_BODY},
            room=room_id,
            client_id=client_id,
        )
        return
    message, _created = await _send(consumer.user, room_id, body.strip(), client_id)
    if message is None:
        await consumer.send_error(
            "forbidden",
            _("You cannot write in this room now."),
            room=room_id,
            client_id=client_id,
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


async def events(consumer, event) -> None:
    state = getattr(consumer, "chat_rooms", {})
    room_id = event.get("room") or event.get("message", {}).get("room")
    if room_id not in state:
        return
    kind = event["type"]
    if kind == "chat.message":
        message = event["message"]
        if services.visible_to(message, consumer.user.pk, state[room_id]["moderator"]):
            await consumer.send_json({"type": "chat.message", "message": message})
        else:  # deleted, hidden, or someone else's pending message: the number only
            await consumer.send_json(
                {
                    "type": "chat.removed",
                    "room": room_id,
                    "id": message["id"],
                    "seq": message["seq"],
                }
            )
    elif kind == "chat.presence":
        mine = event["channel"] == consumer.channel_name
        await consumer.send_json(
            {
                "type": "chat.presence",
                "room": room_id,
                "user_id": event["user_id"],
                "name": event["name"],
                "key": _connection_key(event["channel"]),
                "present": event["action"] == "join",
                "me": mine,
            }
        )
        if event["action"] == "join" and not mine:
            await consumer.channel_layer.send(
                event["channel"],
                {
                    "type": "chat.here",
                    "room": room_id,
                    "user_id": consumer.user.pk,
                    "name": str(consumer.user),
                    "channel": consumer.channel_name,
                },
            )
    elif kind == "chat.here":
        await consumer.send_json(
            {
                "type": "chat.presence",
                "room": room_id,
                "user_id": event["user_id"],
                "name": event["name"],
                "key": _connection_key(event["channel"]),
                "present": True,
                "me": False,
            }
        )
    elif kind == "chat.typing":
        if event["channel"] != consumer.channel_name:
            await consumer.send_json(
                {
                    "type": "chat.typing",
                    "room": room_id,
                    "user_id": event["user_id"],
                    "name": event["name"],
                }
            )
    elif kind in ("chat.closed", "chat.muted"):
        await consumer.send_json({k: v for k, v in event.items() if k != "channel"})


async def on_disconnect(consumer) -> None:
    for room_id in list(getattr(consumer, "chat_rooms", {})):
        await _presence(consumer, room_id, "leave")


def register() -> None:
    registry.register("chat", frames, events)
    registry.on_disconnect(on_disconnect)
