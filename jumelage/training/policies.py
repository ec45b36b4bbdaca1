"""Who may see, join and organise training events."""

from django.db.models import Q
from django.utils import timezone

from jumelage.network.policies import directory_countries, is_support_staff

from .models import TrainingEvent


def may_see_events(user) -> bool:
    """Teachers and support staff; pupils have no training."""
    return bool(user.is_authenticated and user.is_active and user.kind in ("teacher", "staff"))


def may_create_events(user) -> bool:
    """The support network (any role) and platform admins organise training."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or is_support_staff(user))
    )


def may_organise(user, event) -> bool:
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
    """Published events, and the drafts this person may organise (same rule as may_organise)."""
    if user.is_authenticated and user.is_superuser:
        return Q()
    organised = TrainingEvent.organisers.through.objects.filter(user_id=user.pk)
    countries = directory_countries(user) or set()
    return (
        Q(published=True)
        | Q(pk__in=organised.values("trainingevent_id"))
        | Q(country_id__in=countries)
    )


def may_see_event(user, event) -> bool:
    if not may_see_events(user):
        return False
    return event.published or may_organise(user, event)


def registration_open(event, now=None) -> bool:
    now = now or timezone.now()
    return event.published and now <= event.registration_deadline and now < event.starts_at


def may_register(user, event) -> bool:
    """Teachers join published events until the registration deadline."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.kind == "teacher"
        and registration_open(event)
    )


def may_get_certificate(user, registration) -> bool:
    """Only the teacher who was there, once the event has begun."""
    return bool(
        registration is not None
        and registration.user_id == user.pk
        and registration.attended
        and registration.status == "registered"
    )
