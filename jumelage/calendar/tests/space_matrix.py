"""The calendar in the TwinSpace permission matrix (see jumelage/testing/matrix.py).

The project feed is read by whoever holds its secret token (calendar
applications carry no session): with the admin's token every role gets it;
tests/test_feeds.py shows that a wrong, revoked or foreign token is a 404.
"""

from datetime import UTC, datetime

from jumelage.calendar.models import Event, FeedToken
from jumelage.testing.matrix import EVERYONE, MEMBERS, TEACHERS, Case


def setup(world):
    event = Event.objects.create(
        project=world.project,
        title="Video call",
        starts_at=datetime(2026, 10, 24, 8, tzinfo=UTC),
        ends_at=datetime(2026, 10, 24, 9, tzinfo=UTC),
        timezone="Europe/Paris",
        created_by=world.users["teacher"],
    )
    feed = FeedToken.objects.create(user=world.users["admin"], project=world.project)
    return {"event_id": event.pk, "token": feed.token}


EVENT = {
    "title": "Exhibition",
    "start": "2026-10-26T10:00",
    "end": "2026-10-26T12:00",
    "timezone": "Europe/Paris",
    "place": "Library",
}

CASES = [
    Case("calendar:month", "GET", allowed=MEMBERS),
    Case("calendar:event_list", "GET", allowed=MEMBERS),
    Case("calendar:event_detail", "GET", kwargs=("event_id",), allowed=MEMBERS),
    Case("calendar:event_ics", "GET", kwargs=("event_id",), allowed=MEMBERS),
    Case("calendar:event_create", "GET", allowed=TEACHERS),
    Case("calendar:event_create", "POST", allowed=TEACHERS, data=EVENT),
    Case("calendar:event_edit", "GET", kwargs=("event_id",), allowed=TEACHERS),
    Case("calendar:event_edit", "POST", kwargs=("event_id",), allowed=TEACHERS, data=EVENT),
    Case("calendar:event_delete", "POST", kwargs=("event_id",), allowed=TEACHERS),
    Case("calendar:project_feed", "GET", allowed=MEMBERS),
    Case("calendar:project_feed", "POST", allowed=MEMBERS, data={"action": "regenerate"}),
    Case("calendar:project_ics", "GET", kwargs=("token",), allowed=EVERYONE),
]
