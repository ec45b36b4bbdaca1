"""A training event's live room: frames "live.*" on the personal WebSocket (/ws/me/).

The room is an SFU room (meetings.sfu, capacity 100) driven server-side exactly
as a meeting's: each seat's Janus session lives on its connection and Janus'
events reach the browser as the meetings' frames ("meeting.signal" offers,
"meeting.published", "meeting.talking"). What differs is who may send:
presenters (the event's organisers) publish audio and video; attendees (its
registered teachers) only receive, unless a presenter gives them the floor, and
then audio only, until the floor is taken back (Janus stops relaying it).
Joining records attendance (services.join_live / leave_live).
"""

import logging
from types import SimpleNamespace

from channels.db import database_sync_to_async
from django.utils.translation import gettext_lazy as _

from jumelage.meetings import services as meeting_services
from jumelage.meetings import sfu, sfu_signalling
from jumelage.meetings.signalling import REFUSALS, refuse
from jumelage.realtime import registry
from jumelage.realtime.frames import frame_id

from . import policies, services
from .models import LiveSeat

log = logging.getLogger(__name__)

# Janus rooms of live events sit far above those of meeting rooms (sfu.janus_room).
LIVE_ROOM_BASE = 100_000_000

LIVE_REFUSALS = {
    "not_found": REFUSALS["forbidden"],
    "forbidden": REFUSALS["forbidden"],
    "full": REFUSALS["full_large"],
    "sfu_down": REFUSALS["sfu_down"],
    "not_open": _("The live session opens 30 minutes before the start."),
    "no_floor": _("Only presenters, and a participant given the floor, can speak."),
}


def live_room(event_id: int) -> SimpleNamespace:
    """The SFU room of an event, as sfu_signalling reads a room."""
    return SimpleNamespace(pk=LIVE_ROOM_BASE + event_id, capacity=policies.LIVE_CAPACITY)


def room_group(event_id: int) -> str:
    return f"live.{event_id}"


def presenters_group(event_id: int) -> str:
    return f"live.{event_id}.presenters"


def _joined(consumer) -> dict:
    """Event id -> seat id, for this connection."""
    return consumer.__dict__.setdefault("live_seats", {})


@database_sync_to_async
def _join(user, event_id, channel_name):
    seat, reason = services.join_live(user, event_id, channel_name)
    if seat is None:
        return None, reason, [], []
    queue = services.live_queue(event_id) if seat.presenter else []
    return seat, "", queue, meeting_services.ice_servers(user)


@database_sync_to_async
def _seat(channel_name, event_id):
    return LiveSeat.objects.filter(channel_name=channel_name, event_id=event_id).first()


async def _send_queue(consumer, event_id: int) -> None:
    queue = await database_sync_to_async(services.live_queue)(event_id)
    await consumer.channel_layer.group_send(
        presenters_group(event_id), {"type": "live.queue", "event": event_id, "queue": queue}
    )


async def _on_join(consumer, event_id: int, content: dict) -> None:
    if not sfu.enabled():
        await refuse(consumer, "live_sfu_down", LIVE_REFUSALS["sfu_down"])
        return
    seat, reason, queue, ice = await _join(consumer.user, event_id, consumer.channel_name)
    if seat is None:
        await refuse(consumer, f"live_{reason}", LIVE_REFUSALS[reason])
        return
    _joined(consumer)[event_id] = seat.pk
    await consumer.join_group(room_group(event_id))
    if seat.presenter:
        await consumer.join_group(presenters_group(event_id))
    await consumer.send_json(
        {
            "type": "live.joined",
            "event": event_id,
            "peer": seat.pk,
            "presenter": seat.presenter,
            "queue": queue,
            "ice_servers": ice,
        }
    )
    try:
        await sfu_signalling.start(consumer, live_room(event_id), seat)
    except (sfu.JanusError, OSError, ValueError, KeyError):
        log.warning("training: Janus refused the live room of %s", event_id, exc_info=True)
        await leave_all(consumer)
        await refuse(consumer, "live_sfu_down", LIVE_REFUSALS["sfu_down"])


async def _on_publish(consumer, event_id: int, content: dict) -> None:
    """Own media offered to the SFU: only what the seat may send (policies.may_publish)."""
    data = content.get("data")
    seat = await _seat(consumer.channel_name, event_id)
    video = sfu_signalling.offers_video(data)
    if seat is None or not isinstance(data, dict) or not policies.may_publish(seat, video):
        await refuse(consumer, "live_no_floor", LIVE_REFUSALS["no_floor"])
        return
    room_id = live_room(event_id).pk
    if not await sfu_signalling.publish(consumer, room_id, data, video=seat.presenter):
        await refuse(consumer, "live_forbidden", LIVE_REFUSALS["forbidden"])


async def _on_answer(consumer, event_id: int, content: dict) -> None:
    """The browser's answer to the SFU's offer of a presenter's (or speaker's) stream."""
    data = content.get("data")
    peer = frame_id(content.get("from"))
    room_id = live_room(event_id).pk
    if not isinstance(data, dict) or not await sfu_signalling.answer(consumer, room_id, peer, data):
        await refuse(consumer, "live_forbidden", LIVE_REFUSALS["forbidden"])


async def _on_hand(consumer, event_id: int, content: dict) -> None:
    raised = content.get("raised") is True
    changed = await database_sync_to_async(services.raise_hand)(
        consumer.channel_name, event_id, raised
    )
    if not changed:
        await refuse(consumer, "live_forbidden", LIVE_REFUSALS["forbidden"])
        return
    await consumer.send_json({"type": "live.hand", "event": event_id, "raised": raised})
    await _send_queue(consumer, event_id)


async def _on_floor(consumer, event_id: int, content: dict) -> None:
    """A presenter gives the floor to an attendee, or takes it back."""
    me = await _seat(consumer.channel_name, event_id)
    if me is None or not me.presenter:
        await refuse(consumer, "live_forbidden", LIVE_REFUSALS["forbidden"])
        return
    give = content.get("give") is True
    seat = await database_sync_to_async(services.set_floor)(
        event_id, frame_id(content.get("peer")), give
    )
    if seat is None:
        await refuse(consumer, "live_forbidden", LIVE_REFUSALS["forbidden"])
        return
    await consumer.channel_layer.send(
        seat.channel_name, {"type": "live.floor", "event": event_id, "floor": give}
    )
    await _send_queue(consumer, event_id)


async def _on_leave(consumer, event_id: int, content: dict) -> None:
    await leave_all(consumer)


FRAMES = {
    "join": _on_join,
    "publish": _on_publish,
    "answer": _on_answer,
    "hand": _on_hand,
    "floor": _on_floor,
    "leave": _on_leave,
}


async def frames(consumer, action: str, content: dict) -> None:
    event_id = frame_id(content.get("event"))
    handler = FRAMES.get(action)
    if handler is None or event_id is None or consumer.project_id is not None:
        await consumer.send_error("unknown_type", _("Unknown frame type."))
        return
    if action != "join" and event_id not in _joined(consumer):
        await refuse(consumer, "live_forbidden", LIVE_REFUSALS["forbidden"])
        return
    await handler(consumer, event_id, content)


async def events(consumer, message: dict) -> None:
    """Events for this connection: the floor taken back stops its media on Janus at once."""
    if message["type"] == "live.floor" and not message.get("floor"):
        await sfu_signalling.unpublish(consumer, live_room(message["event"]).pk)
    await consumer.send_json(message)


async def leave_all(consumer) -> None:
    """Free this connection's live seats (also on every disconnect of /ws/me/)."""
    joined = consumer.__dict__.pop("live_seats", {})
    for event_id in joined:
        await sfu_signalling.stop(consumer, live_room(event_id).pk)
        await consumer.leave_group(room_group(event_id))
        await consumer.leave_group(presenters_group(event_id))
    if joined:
        await database_sync_to_async(services.leave_live)(consumer.channel_name)
        for event_id in joined:
            await _send_queue(consumer, event_id)


async def heartbeat(consumer) -> None:
    if getattr(consumer, "live_seats", None):
        await database_sync_to_async(services.renew_live)(consumer.channel_name)


def install() -> None:
    registry.register("live", frames, events, actions=tuple(FRAMES))
    registry.on_user_disconnect(leave_all)
    registry.on_heartbeat(heartbeat)
