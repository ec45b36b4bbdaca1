"""Time zones: the choices offered, and the zone a viewer reads calendars in."""

from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings

REGIONS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Arctic/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """Canonical region/city zones (no legacy aliases such as US/Pacific), and UTC."""
    return ("UTC", *sorted(z for z in available_timezones() if z.startswith(REGIONS)))


def zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in zone_names()]


def is_valid_zone(name: str) -> bool:
    return name in zone_names()


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def viewer_zone_name(user) -> str:
    """The user's chosen zone, else their (first) school's, else the platform's."""
    if user is not None and user.is_authenticated:
        from jumelage.schools.models import School

        from .models import UserCalendarSettings

        chosen = (
            UserCalendarSettings.objects.filter(user=user)
            .values_list("timezone", flat=True)
            .first()
        )
        if chosen and is_valid_zone(chosen):
            return chosen
        school_zone = (
            School.objects.filter(memberships__user=user)
            .order_by("pk")
            .values_list("timezone", flat=True)
            .first()
        )
        if school_zone and is_valid_zone(school_zone):
            return school_zone
    return settings.TIME_ZONE


def viewer_zone(user) -> ZoneInfo:
    return zone(viewer_zone_name(user))
