"""Registrations under the capacity of an event, one transaction each.

Every change of places locks the event row first (SELECT ... FOR UPDATE), so
that parallel registrations never give away more places than the capacity.
"""

import math

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from jumelage.audit.services import record
from jumelage.core.errors import Refused
from jumelage.notifications.services import notify

from . import policies
from .models import LiveSeat, Registration, TrainingEvent


class RegistrationClosed(Refused):
    """The deadline has passed, or the event is not open to registration."""

    def __init__(self):
        super().__init__(gettext("Registration for this event is closed."))


def _locked(event) -> TrainingEvent:
    return TrainingEvent.objects.select_for_update().get(pk=event.pk)


def _registered_count(event) -> int:
    return Registration.objects.filter(event=event, status=Registration.Status.REGISTERED).count()


@transaction.atomic
def register(event, user) -> Registration:
    """A place while there is one, else the end of the waiting list; idempotent."""
    event = _locked(event)
    if not policies.can_register(user, event):
        raise RegistrationClosed
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.status != Registration.Status.CANCELLED:
        return registration
    status = (
        Registration.Status.REGISTERED
        if _registered_count(event) < event.capacity
        else Registration.Status.WAITING
    )
    if registration is None:
        return Registration.objects.create(
            event=event, user=user, status=status, queued_at=timezone.now()
        )
    registration.status, registration.queued_at = status, timezone.now()
    registration.save(update_fields=["status", "queued_at"])
    return registration


def _promote(event) -> list[Registration]:
    """Give the free places to the first on the waiting list, and tell them."""
    free = event.capacity - _registered_count(event)
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.filter(event=event, status=Registration.Status.WAITING)
        .select_related("user")
        .order_by("queued_at", "pk")[:free]
    )
    url = reverse("training:detail", args=[event.pk])
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.save(update_fields=["status"])
        user = registration.user
        with translation.override(user.language):
            title = gettext("A place is yours: %(title)s") % {"title": event.title}
        notify(
            user,
            "training",
            title,
            url,
            email_template="training/email/promoted",
            context={"event": event},
        )
    return promoted


@transaction.atomic
def cancel(event, user) -> list[Registration]:
    """Cancel the teacher's registration; the first waiting takes a freed place."""
    event = _locked(event)
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return []
    was_registered = registration.status == Registration.Status.REGISTERED
    registration.status, registration.attended = Registration.Status.CANCELLED, False
    registration.save(update_fields=["status", "attended"])
    return _promote(event) if was_registered else []


def free_places_of(user) -> None:
    """A deleted account gives back its places and turns; the waiting list moves on."""
    upcoming = Registration.objects.filter(
        user=user,
        status__in=[Registration.Status.REGISTERED, Registration.Status.WAITING],
        event__ends_at__gt=timezone.now(),
    ).select_related("event")
    for registration in upcoming:
        cancel(registration.event, user)


@transaction.atomic
def save_event(actor, event: TrainingEvent, organisers=None) -> TrainingEvent:
    """Create or update an event; more places go to the waiting list at once."""
    created = event.pk is None
    if not created:
        _locked(event)
    event.save()
    if created:
        event.organisers.add(actor)
    if organisers is not None:
        event.organisers.add(*organisers)
    if not created:
        _promote(event)
    record(
        actor, "training.created" if created else "training.changed", event, country=event.country
    )
    return event


@transaction.atomic
def mark_attendance(actor, event, present_ids) -> int:
    """Set who was present among the registered; returns how many were.

    Presence is a fact only once the event has begun: before that it would let a
    certificate be issued for an event that has not taken place.
    """
    if not policies.attendance_can_be_taken(event):
        raise Refused(gettext("Attendance can be taken once the event has begun."))
    present_ids = {int(pk) for pk in present_ids}
    registered = Registration.objects.filter(event=event, status=Registration.Status.REGISTERED)
    registered.filter(pk__in=present_ids).update(attended=True)
    registered.exclude(pk__in=present_ids).update(attended=False)
    count = registered.filter(attended=True).count()
    record(actor, "training.attendance", event, country=event.country, present=count)
    return count


# --- the live room (live.py drives it from the personal WebSocket) -----------------------


def _live_presence(event, user_id, since, until) -> None:
    """Attendance recorded by the room: present from the first join after the start, and
    the minutes between the start and the end of the event spent in the room."""
    registration = Registration.objects.filter(
        event=event, user_id=user_id, status=Registration.Status.REGISTERED
    )
    start, end = max(since, event.starts_at), min(until, event.ends_at)
    if end <= start:
        return
    registration.filter(live_joined_at=None).update(live_joined_at=start, attended=True)
    minutes = math.ceil((end - start).total_seconds() / 60)
    registration.update(live_minutes=F("live_minutes") + minutes, attended=True)


def _sweep_live(event) -> list[int]:
    """Seats of connections gone without a goodbye (process killed): counted until last seen."""
    from jumelage.meetings.services import seat_expiry

    expired = list(event.live_seats.filter(last_seen__lt=seat_expiry()))
    for seat in expired:
        _live_presence(event, seat.user_id, seat.joined_at, seat.last_seen)
    LiveSeat.objects.filter(pk__in=[s.pk for s in expired]).delete()
    return [s.pk for s in expired]


@transaction.atomic
def join_live(user, event_id: int, channel_name: str) -> tuple[LiveSeat | None, str]:
    """A seat in the event's live room, under the room's capacity (event row locked)."""
    event = TrainingEvent.objects.select_for_update().filter(pk=event_id).first()
    role = policies.live_role(user, event) if event is not None else ""
    if not role:
        return None, "not_found"
    if not policies.live_room_open(event):
        return None, "not_open"
    LiveSeat.objects.filter(channel_name=channel_name).delete()
    _sweep_live(event)
    if event.live_seats.count() >= policies.LIVE_CAPACITY:
        return None, "full"
    seat = LiveSeat.objects.create(
        event=event, user=user, channel_name=channel_name, presenter=role == "presenter"
    )
    if policies.attendance_can_be_taken(event):
        Registration.objects.filter(
            event=event, user=user, status=Registration.Status.REGISTERED, live_joined_at=None
        ).update(live_joined_at=seat.joined_at, attended=True)
    return seat, ""


def renew_live(channel_name: str) -> None:
    """Heartbeat: the seat stays taken, and one who came before the start is marked present."""
    now = timezone.now()
    for seat in LiveSeat.objects.filter(channel_name=channel_name).select_related("event"):
        LiveSeat.objects.filter(pk=seat.pk).update(last_seen=now)
        if not seat.presenter and policies.attendance_can_be_taken(seat.event, now):
            Registration.objects.filter(
                event=seat.event_id,
                user=seat.user_id,
                status=Registration.Status.REGISTERED,
                live_joined_at=None,
            ).update(live_joined_at=now, attended=True)


@transaction.atomic
def leave_live(channel_name: str) -> list[LiveSeat]:
    """Free this connection's seat; its minutes go to the attendance."""
    rows = list(LiveSeat.objects.filter(channel_name=channel_name).select_related("event"))
    now = timezone.now()
    for seat in rows:
        if not seat.presenter:
            _live_presence(seat.event, seat.user_id, seat.joined_at, now)
    LiveSeat.objects.filter(pk__in=[s.pk for s in rows]).delete()
    return rows


def raise_hand(channel_name: str, event_id: int, raised: bool) -> bool:
    """An attendee raises or lowers a hand; False if no such seat (or a presenter's)."""
    return bool(
        LiveSeat.objects.filter(
            channel_name=channel_name, event_id=event_id, presenter=False
        ).update(hand_raised_at=timezone.now() if raised else None)
    )


def set_floor(event_id: int, seat_id: int, give: bool) -> LiveSeat | None:
    """A presenter gives the floor (the hand goes down) or takes it back."""
    seat = LiveSeat.objects.filter(pk=seat_id, event_id=event_id, presenter=False).first()
    if seat is None:
        return None
    seat.has_floor = give
    seat.hand_raised_at = None
    seat.save(update_fields=["has_floor", "hand_raised_at"])
    return seat


def live_queue(event_id: int) -> list[dict]:
    """The raised hands, first raised first, and who has the floor: what presenters see."""
    seats = (
        LiveSeat.objects.filter(event_id=event_id, presenter=False)
        .filter(Q(hand_raised_at__isnull=False) | Q(has_floor=True))
        .select_related("user")
        .order_by("hand_raised_at", "pk")
    )
    return [{"peer": s.pk, "name": str(s.user), "floor": s.has_floor} for s in seats]
