"""Chat over the project WebSocket: frames "chat.<action>" and room events.

Frames (client → server), each checked against chat.policies:
  chat.join    {room, last_id?}   → chat.history (recent, or what was missed after last_id)
  chat.leave   {room}
  chat.send    {room, client_id, body} → chat.ack {client_id, id}; chat.message to the room
  chat.typing  {room}
  chat.older   {room, before}     → chat.history (older messages, for scrolling back)
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


def _int(value):
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        return int(value)
    except ValueError:
        return None


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
    last_id = _int(content.get("last_id"))
    already = room_id in state
    state[room_id] = {"room": room, "moderator": moderator}
    if not already:
        await consumer.join_group(services.room_group(room_id))
    if last_id is not None:
        messages, has_more = await _history(consumer.user, room, moderator, after=last_id)
        mode = "missed"
    else:
        messages, has_more = await _history(consumer.user, room, moderator)
        mode = "recent"
    await consumer.send_json(
        {
            "type": "chat.history",
            "room": room_id,
            "mode": mode,
            "messages": messages,
            "has_more": has_more,
            "closed": not room.is_open,
        }
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
    if not isinstance(body, str) or not body.strip():
        await consumer.send_error(
            "empty", _("Write something first."), room=room_id, client_id=client_id
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
        if message["visibility"] != "published" and not (
            state[room_id]["moderator"] or message["author_id"] == consumer.user.pk
        ):
            return
        await consumer.send_json({"type": "chat.message", "message": message})
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
    elif kind in ("chat.deleted", "chat.closed", "chat.muted"):
        await consumer.send_json({k: v for k, v in event.items() if k != "channel"})


async def on_disconnect(consumer) -> None:
    for room_id in list(getattr(consumer, "chat_rooms", {})):
        await _presence(consumer, room_id, "leave")


def register() -> None:
    registry.register("chat", frames, events)
    registry.on_disconnect(on_disconnect)
