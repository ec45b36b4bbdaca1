"""iCalendar (RFC 5545) feeds built with the `icalendar` library.

Each event keeps the zone it was planned in (DTSTART;TZID=... with its
VTIMEZONE), so calendar applications show the right instant on both sides of a
daylight-saving change; DTSTAMP and LAST-MODIFIED are in UTC.
"""

from datetime import UTC, date, timedelta

import icalendar
from django.conf import settings
from django.urls import reverse

from .zones import zone

PRODID = "-//Jumelage//Calendar//EN"


def _uid(event) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"event-{event.pk}@{host or 'jumelage'}"


def event_path(event) -> str:
    """Where the event is read: its page in a project, or its group's events (by URL
    name only, so the calendar does not import the groups app above it)."""
    if event.group_id is not None:
        path = reverse("groups:events", kwargs={"group_id": event.group_id})
        return f"{path}#event-{event.pk}"
    return reverse(
        "calendar:event_detail", kwargs={"project_id": event.project_id, "event_id": event.pk}
    )


def build_calendar(events, name: str, with_project: bool = False) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    first, last = date(1970, 1, 1), date(2038, 1, 1)
    for event in events:
        tz = zone(event.timezone)
        item = icalendar.Event()
        item.add("uid", _uid(event))
        item.add("dtstamp", event.updated_at.astimezone(UTC))
        item.add("last-modified", event.updated_at.astimezone(UTC))
        item.add("sequence", event.sequence)
        item.add("summary", event.title)
        item.add("dtstart", event.starts_at.astimezone(tz))
        item.add("dtend", event.ends_at.astimezone(tz))
        if event.description:
            item.add("description", event.description)
        if event.place:
            item.add("location", event.place)
        elif event.online_url:
            item.add("location", event.online_url)
        if event.online_url:
            item.add("url", event.online_url)
        else:
            item.add("url", settings.SITE_URL + event_path(event))
        if with_project:
            item.add("categories", [event.project.title])
        cal.add_component(item)
        first = min(first, event.starts_at.date())
        last = max(last, event.ends_at.date() + timedelta(days=366))
    cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()
