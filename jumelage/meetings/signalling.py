"""WebRTC signalling over the project WebSocket ("meeting.*" frames).

The browser of a newcomer sends offers to those already in the room; SDP is
sent once ICE gathering is complete (no trickle), so a call costs a handful of
frames. Every frame is checked against the room's participants and policies.
"""

import logging

from channels.db import database_sync_to_async
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from jumelage.realtime import registry
from jumelage.realtime.frames import frame_id

from . import policies, services, sfu, sfu_signalling
from .models import MeetingRoom, Participant

log = logging.getLogger(__name__)

REFUSALS = {
    "not_found": _("This meeting room does not exist."),
    "forbidden": _("You cannot join this meeting."),
    "external": _("This meeting takes place on its external link."),
    "not_open": _("A teacher of the project has not opened this room yet."),
    "full": _("The room is full: a meeting holds at most 6 connections."),
    "full_large": _("The room is full."),
    "removed": _("A teacher removed you from this meeting."),
    "sfu_down": _("The meeting server cannot be reached; try again in a moment."),
}


async def refuse(consumer, code: str, message) -> None:
    with translation.override(getattr(consumer.user, "reading_language", "en")):
        text = str(message)
    await consumer.send_error(code, text)


def room_group(room_id: int) -> str:
    return f"meeting.{room_id}"


@database_sync_to_async
def _join(user, room_id, project_id, channel_name):
    participant, reason, expired = services.join(user, room_id, project_id, channel_name)
    if participant is None:
        if reason == "full" and participant_room_is_large(room_id):
            reason = "full_large"
        return None, reason, [], [], expired
    peers = [
        {"peer": p.pk, "name": str(p.user)}
        for p in Participant.objects.filter(room_id=room_id)
        .exclude(pk=participant.pk)
        .select_related("user")
    ]
    return participant, "", peers, services.ice_servers(user), expired


def participant_room_is_large(room_id: int) -> bool:
    return MeetingRoom.objects.filter(pk=room_id, capacity__gt=6).exists()


@database_sync_to_async
def _sender_and_target(channel_name, room_id, target_id):
    sender = Participant.objects.filter(channel_name=channel_name, room_id=room_id).first()
    target = (
        Participant.objects.filter(pk=target_id, room_id=room_id).first() if target_id else None
    )
    return sender, target


@database_sync_to_async
def _room_if_moderator(user, room_id, project_id):
    room = (
        MeetingRoom.objects.select_related("project")
        .filter(pk=room_id, project_id=project_id)
        .first()
    )
    return room if room and policies.can_moderate_meeting(user, room) else None


async def _on_join(consumer, room_id: int, content: dict) -> None:
    layer = consumer.channel_layer
    participant, reason, peers, ice, expired = await _join(
        consumer.user, room_id, consumer.project_id, consumer.channel_name
    )
    for ghost in expired:  # seats of connections that are gone: tell those still here
        await layer.group_send(
            room_group(room_id), {"type": "meeting.peer_left", "room": room_id, "peer": ghost}
        )
    if participant is None:
        await refuse(consumer, f"meeting_{reason}", REFUSALS[reason])
        return
    consumer.__dict__.setdefault("meeting_rooms", set()).add(room_id)
    await consumer.join_group(room_group(room_id))
    through_sfu = sfu.uses_sfu(participant.room)
    await consumer.send_json(
        {
            "type": "meeting.joined",
            "room": room_id,
            "peer": participant.pk,
            "peers": peers,
            "ice_servers": ice,
            "sfu": through_sfu,
        }
    )
    if through_sfu:
        try:
            await sfu_signalling.start(consumer, participant.room, participant)
        except (sfu.JanusError, OSError, ValueError, KeyError):
            log.warning("meetings: Janus refused room %s", room_id, exc_info=True)
            await leave_rooms(consumer)
            await refuse(consumer, "meeting_sfu_down", REFUSALS["sfu_down"])
    await layer.group_send(
        room_group(room_id),
        {
            "type": "meeting.peer_joined",
            "room": room_id,
            "peer": participant.pk,
            "name": str(consumer.user),
            "exclude": consumer.channel_name,
        },
    )


async def _on_signal(consumer, room_id: int, content: dict) -> None:
    sender, target = await _sender_and_target(
        consumer.channel_name, room_id, frame_id(content.get("to"))
    )
    data = content.get("data")
    if sender is None or not isinstance(data, dict):
        await refuse(consumer, "meeting_forbidden", REFUSALS["forbidden"])
        return
    if target is None:
        # They left as this was sent (their "peer_left" is on its way): nothing to pass
        # on, and no error, which would end this page's call.
        return
    if room_id in sfu_signalling.sessions(consumer):  # an answer to the SFU's offer
        if not await sfu_signalling.answer(consumer, room_id, target.pk, data):
            await refuse(consumer, "meeting_forbidden", REFUSALS["forbidden"])
        return
    await consumer.channel_layer.send(
        target.channel_name,
        {"type": "meeting.signal", "room": room_id, "from": sender.pk, "data": data},
    )


async def _on_publish(consumer, room_id: int, content: dict) -> None:
    """This participant's own media, offered to the SFU."""
    data = content.get("data")
    if not isinstance(data, dict) or not await sfu_signalling.publish(consumer, room_id, data):
        await refuse(consumer, "meeting_forbidden", REFUSALS["forbidden"])


async def _on_resubscribe(consumer, room_id: int, content: dict) -> None:
    """This page's connection to one participant's media failed: the SFU offers it again."""
    if not await sfu_signalling.resubscribe(consumer, room_id, frame_id(content.get("peer"))):
        await refuse(consumer, "meeting_forbidden", REFUSALS["forbidden"])


async def _on_leave(consumer, room_id: int, content: dict) -> None:
    await leave_rooms(consumer)


async def _moderated_room(consumer, room_id: int):
    room = await _room_if_moderator(consumer.user, room_id, consumer.project_id)
    if room is None:
        await refuse(consumer, "meeting_forbidden", _("Only a teacher of the project can do this."))
    return room


async def _on_mute(consumer, room_id: int, content: dict) -> None:
    if await _moderated_room(consumer, room_id) is None:
        return
    _sender, target = await _sender_and_target(
        consumer.channel_name, room_id, frame_id(content.get("peer"))
    )
    if target is not None:
        await consumer.channel_layer.send(
            target.channel_name, {"type": "meeting.force_mute", "room": room_id}
        )


async def _on_remove(consumer, room_id: int, content: dict) -> None:
    """A teacher removes a participant: out of the room until the meeting ends."""
    if await _moderated_room(consumer, room_id) is None:
        return
    _sender, target = await _sender_and_target(
        consumer.channel_name, room_id, frame_id(content.get("peer"))
    )
    if target is not None:
        await database_sync_to_async(services.remove_participant)(room_id, target.user_id)
        await consumer.channel_layer.send(
            target.channel_name, {"type": "meeting.removed", "room": room_id}
        )


async def _on_end(consumer, room_id: int, content: dict) -> None:
    room = await _moderated_room(consumer, room_id)
    if room is None:
        return
    channels = await database_sync_to_async(services.end_room)(consumer.user, room)
    for channel in channels:
        await consumer.channel_layer.send(channel, {"type": "meeting.ended", "room": room_id})


FRAMES = {
    "join": _on_join,
    "signal": _on_signal,
    "leave": _on_leave,
    "mute": _on_mute,
    "remove": _on_remove,
    "publish": _on_publish,
    "resubscribe": _on_resubscribe,
    "end": _on_end,
}


async def frames(consumer, action: str, content: dict) -> None:
    room_id = frame_id(content.get("room"))
    if room_id is None:
        await consumer.send_error("bad_frame", _("A meeting frame names its room."))
        return
    handler = FRAMES.get(action)
    if handler is None or consumer.access is None:  # /ws/me/ has no project
        await consumer.send_error("unknown_type", _("Unknown frame type."))
        return
    await handler(consumer, room_id, content)


async def events(consumer, message: dict) -> None:
    """Group and direct events for this connection, passed on to the browser."""
    if message.get("exclude") == consumer.channel_name:
        return
    if message["type"] == "meeting.ended":
        getattr(consumer, "meeting_rooms", set()).discard(message["room"])
        await sfu_signalling.stop(consumer, message["room"])
        await consumer.channel_layer.group_discard(
            room_group(message["room"]), consumer.channel_name
        )
    elif message["type"] == "meeting.removed":
        await leave_rooms(consumer)
    elif message["type"] == "meeting.force_mute":
        await sfu_signalling.mute(consumer, message["room"])
    await consumer.send_json({k: v for k, v in message.items() if k != "exclude"})


async def leave_rooms(consumer) -> None:
    """Free this connection's seats (also run on every disconnect, crash included)."""
    consumer.__dict__.pop("meeting_rooms", None)
    await sfu_signalling.stop(consumer)
    rows = await database_sync_to_async(services.leave)(consumer.channel_name)
    for row in rows:
        await consumer.channel_layer.group_discard(room_group(row.room_id), consumer.channel_name)
        await consumer.channel_layer.group_send(
            room_group(row.room_id),
            {"type": "meeting.peer_left", "room": row.room_id, "peer": row.pk},
        )


async def heartbeat(consumer) -> None:
    """Renew this connection's seats, so that only seats of dead connections expire."""
    if getattr(consumer, "meeting_rooms", None):
        await database_sync_to_async(services.renew)(consumer.channel_name)


def install() -> None:
    registry.register("meeting", frames, events, actions=tuple(FRAMES))
    registry.on_disconnect(leave_rooms)
    registry.on_heartbeat(heartbeat)
