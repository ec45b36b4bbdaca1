"""Registrations under the capacity of an event, one transaction each.

Every change of places locks the event row first (SELECT ... FOR UPDATE), so
that parallel registrations never give away more places than the capacity.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from jumelage.audit.services import record
from jumelage.core.errors import Refused
from jumelage.notifications.services import notify

from . import policies
from .models import Registration, TrainingEvent


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
