"""Meeting writes: one transaction each."""

import base64
import hashlib
import hmac
import time as clock
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from jumelage.calendar.models import Event

from . import policies, sfu
from .models import MeetingRoom, Participant, ScheduledMeeting


def create_room(
    user, project, title: str, external_url: str = "", capacity: int = 6
) -> MeetingRoom:
    return MeetingRoom.objects.create(
        project=project, title=title, external_url=external_url, capacity=capacity, created_by=user
    )


def open_room(user, room: MeetingRoom) -> None:
    room.opened_at, room.opened_by = timezone.now(), user
    room.save(update_fields=["opened_at", "opened_by"])


def end_room(user, room: MeetingRoom) -> list[str]:
    """Close the room; returns the channels of those who were in it, to tell them.

    An SFU room is destroyed on Janus too: every media stream stops at once.
    """
    with transaction.atomic():
        channels = list(room.participants.values_list("channel_name", flat=True))
        room.participants.all().delete()
        room.opened_at = None
        room.save(update_fields=["opened_at"])
    if sfu.enabled() and room.capacity > settings.MEETING_MESH_LIMIT:
        with sfu.Janus() as janus:
            janus.destroy_room(room.pk)
    cache.delete_many([removed_key(room.pk)])
    return channels


def removed_key(room_id: int) -> str:
    return f"meetings:removed:{room_id}"


def remove_participant(room_id: int, user_id: int) -> None:
    """A teacher removed this user: kept out of the room until the meeting ends."""
    removed = set(cache.get(removed_key(room_id), ()))
    cache.set(removed_key(room_id), removed | {user_id}, timeout=12 * 3600)


def was_removed(room_id: int, user_id: int) -> bool:
    return user_id in cache.get(removed_key(room_id), ())


def seat_expiry():
    """Seats last renewed before this belong to connections that are gone."""
    return timezone.now() - timedelta(seconds=settings.MEETING_SEAT_TTL)


@transaction.atomic
def join(
    user, room_id: int, project_id: int, channel_name: str
) -> tuple[Participant | None, str, list[int]]:
    """Add a connection to a room, the capacity checked under a row lock.

    Returns (seat or None, refusal reason, ids of expired seats swept first).
    """
    room = (
        MeetingRoom.objects.select_for_update()
        .select_related("project")
        .filter(pk=room_id, project_id=project_id)
        .first()
    )
    if room is None:
        return None, "not_found", []
    Participant.objects.filter(channel_name=channel_name).delete()
    expired = list(
        room.participants.filter(last_seen__lt=seat_expiry()).values_list("pk", flat=True)
    )
    Participant.objects.filter(pk__in=expired).delete()
    allowed, reason = policies.can_join(user, room, room.participants.count())
    if allowed and was_removed(room.pk, user.pk):
        allowed, reason = False, "removed"
    if not allowed:
        return None, reason, expired
    seat = Participant.objects.create(room=room, user=user, channel_name=channel_name)
    return seat, "", expired


def renew(channel_name: str) -> int:
    """Heartbeat of a live connection: its seats stay taken."""
    return Participant.objects.filter(channel_name=channel_name).update(last_seen=timezone.now())


def leave(channel_name: str) -> list[Participant]:
    """Remove this connection from any room; returns the rows removed (with their room)."""
    rows = list(Participant.objects.filter(channel_name=channel_name).select_related("room"))
    if rows:  # most sockets never join a meeting: no write transaction on their disconnect
        Participant.objects.filter(pk__in=[p.pk for p in rows]).delete()
    return rows


@transaction.atomic
def schedule(
    user,
    project,
    room: MeetingRoom | None,
    title: str,
    starts_at,
    ends_at,
    tz: str,
    description: str = "",
    online_url: str = "",
) -> ScheduledMeeting:
    event = Event.objects.create(
        project=project,
        title=title,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=tz,
        online_url=online_url or (room.external_url if room else ""),
        created_by=user,
    )
    return ScheduledMeeting.objects.create(event=event, room=room)


def ice_servers(user) -> list[dict]:
    """STUN and TURN servers from settings; TURN credentials derived from coturn's shared secret.

    coturn's "use-auth-secret" scheme: username "<expiry>:<user id>", password
    base64(HMAC-SHA1(secret, username)), valid until expiry.
    """
    servers = []
    if settings.WEBRTC_STUN_URLS:
        servers.append({"urls": list(settings.WEBRTC_STUN_URLS)})
    if settings.WEBRTC_TURN_URLS and settings.WEBRTC_TURN_SECRET:
        username = f"{int(clock.time()) + settings.WEBRTC_TURN_TTL}:{user.pk}"
        digest = hmac.new(
            settings.WEBRTC_TURN_SECRET.encode(), username.encode(), hashlib.sha1
        ).digest()
        servers.append(
            {
                "urls": list(settings.WEBRTC_TURN_URLS),
                "username": username,
                "credential": base64.b64encode(digest).decode(),
            }
        )
    return servers
