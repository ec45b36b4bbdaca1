"""Who may see, join and organise training events."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from jumelage.accounts.models import User
from jumelage.network.models import SupportRole
from jumelage.network.policies import directory_countries, support_roles

from .models import TrainingEvent


def can_see_events(user) -> bool:
    """Teachers and support staff; pupils have no training."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.kind in (User.Kind.TEACHER, User.Kind.STAFF)
    )


def organising_places(user) -> list[tuple[set[str], dict]] | None:
    """Where this person may organise events: (levels, place) pairs; None means anywhere.

    The national office organises national, regional and departmental events of
    its country; a regional correspondent (or ambassador of a region) regional
    and departmental events of its region; a departmental correspondent (or
    ambassador of a département) departmental events of its département.
    European events belong to the platform's admins.
    """
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    Level, Role = TrainingEvent.Level, SupportRole.Role
    places = []
    for role in support_roles(user):
        if role.role == Role.NATIONAL_OFFICE:
            places.append(
                ({Level.NATIONAL, Level.REGIONAL, Level.DEPARTMENTAL}, {"country": role.country_id})
            )
        elif role.role == Role.DEPARTMENTAL_CORRESPONDENT or (
            role.role == Role.AMBASSADOR and role.department_id
        ):
            if role.department_id:
                places.append(({Level.DEPARTMENTAL}, {"department": role.department_id}))
        elif role.role in (Role.REGIONAL_CORRESPONDENT, Role.AMBASSADOR) and role.region_id:
            places.append(({Level.REGIONAL, Level.DEPARTMENTAL}, {"region": role.region_id}))
    return places


def can_create_events(user) -> bool:
    """Platform admins, and support staff with a place to organise events for."""
    return organising_places(user) != []


def can_place_event(user, level, country_id, region_id, department_id) -> bool:
    """May this person put an event at this level and place (creating or editing it)?"""
    places = organising_places(user)
    if places is None:
        return True
    where = {"country": country_id, "region": region_id, "department": department_id}
    return any(
        level in levels and all(where[key] == value for key, value in place.items())
        for levels, place in places
    )


def can_organise(user, event) -> bool:
    """The event's organisers, the national office of its country, platform admins."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if any(o.pk == user.pk for o in event.organisers.all()):
        return True
    countries = directory_countries(user)
    return bool(event.country_id and countries and event.country_id in countries)


def listed_events(user) -> Q:
    """Published events, and the drafts this person may organise (same rule as can_organise)."""
    if user.is_authenticated and user.is_superuser:
        return Q()
    organised = TrainingEvent.organisers.through.objects.filter(user_id=user.pk)
    countries = directory_countries(user) or set()
    return (
        Q(published=True)
        | Q(pk__in=organised.values("trainingevent_id"))
        | Q(country_id__in=countries)
    )


def can_see_event(user, event) -> bool:
    if not can_see_events(user):
        return False
    return event.published or can_organise(user, event)


def registration_open(event, now=None) -> bool:
    now = now or timezone.now()
    return event.published and now <= event.registration_deadline and now < event.starts_at


def can_register(user, event) -> bool:
    """Teachers join published events until the registration deadline."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.kind == User.Kind.TEACHER
        and registration_open(event)
    )


def attendance_can_be_taken(event, now=None) -> bool:
    return (now or timezone.now()) >= event.starts_at


def can_get_certificate(user, registration) -> bool:
    """Only the teacher who was there, once the event has begun."""
    return bool(
        registration is not None
        and registration.user_id == user.pk
        and registration.attended
        and registration.status == "registered"
        and attendance_can_be_taken(registration.event)
    )


# The live room opens this long before the start (presenters set up, teachers settle in).
LIVE_OPENS_BEFORE = timedelta(minutes=30)
LIVE_CAPACITY = 100


def live_room_open(event, now=None) -> bool:
    now = now or timezone.now()
    return event.live and event.starts_at - LIVE_OPENS_BEFORE <= now <= event.ends_at


def live_role(user, event) -> str:
    """ "presenter" (organisers: they send video), "attendee" (a registered teacher:
    subscribe-only), or "" (nobody else reaches the room)."""
    if not event.live or not user.is_authenticated or not user.is_active:
        return ""
    if can_organise(user, event):
        return "presenter"
    registered = event.registrations.filter(user=user, status="registered").exists()
    return "attendee" if registered else ""


def may_publish(seat, video: bool) -> bool:
    """Presenters send audio and video; an attendee only audio, and only while given the floor."""
    return seat.presenter or (seat.has_floor and not video)
