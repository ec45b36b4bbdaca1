"""Shared helpers of these tests."""

from datetime import UTC, datetime, timedelta

import icalendar
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jumelage.calendar.models import Event


def founder_of(project):
    return project.memberships.filter(is_founder=True).first().user


def make_event(project, title="Video call", start=None, hours=1, zone="Europe/Paris", **fields):
    start = start or datetime(2026, 10, 24, 8, tzinfo=UTC)
    return Event.objects.create(
        project=project,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        timezone=zone,
        **fields,
    )


def page_url(name, project, **kwargs):
    return reverse(f"calendar:{name}", kwargs={"project_id": project.pk, **kwargs})


def vevents(body: bytes):
    cal = icalendar.Calendar.from_ical(body)
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def same_queries(client, django_assert_num_queries, url, grow):
    grow(2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    assert len(small) <= 12
    grow(10)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200
