"""The calendar's pages and feeds cost the same number of queries as events grow."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.calendar.models import Event, FeedToken
from jumelage.testing import make_project, make_pupil, make_teacher

from .helpers import founder_of, make_event, page_url, same_queries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["month", "event_list"])
def test_calendar_query_count_does_not_grow_with_events(client, django_assert_num_queries, name):
    project = make_project()
    client.force_login(make_pupil(project))
    now = timezone.now()

    def grow(n):
        for i in range(n):
            make_event(project, f"E{i}", start=now + timedelta(hours=i + 1))

    url = page_url(name, project) + ("?month=" + now.strftime("%Y-%m") if name == "month" else "")
    same_queries(client, django_assert_num_queries, url, grow)


def test_feeds_query_count_does_not_grow_with_events(client, django_assert_num_queries):
    project = make_project()
    admin = founder_of(project)
    token = FeedToken.objects.create(user=admin, project=project).token
    personal = FeedToken.objects.create(user=admin).token

    def grow(n):
        for i in range(n):
            make_event(project, f"E{i}", start=datetime(2026, 10, 20 + i % 9, 8, tzinfo=UTC))

    same_queries(
        client, django_assert_num_queries, page_url("project_ics", project, token=token), grow
    )
    same_queries(
        client,
        django_assert_num_queries,
        reverse("mycalendar:ics", kwargs={"token": personal}),
        grow,
    )


def test_my_calendar_query_count_does_not_grow_with_events(client, django_assert_num_queries):
    teacher = make_teacher()
    projects = [make_project([teacher, make_teacher("DE")]) for _ in range(2)]
    client.force_login(teacher)
    now = timezone.now()

    def grow(n):
        for i in range(n):
            make_event(projects[i % 2], f"E{i}", start=now + timedelta(hours=i + 1))

    same_queries(client, django_assert_num_queries, reverse("mycalendar:settings"), grow)


def _events(world, n):
    start = timezone.now().replace(day=1, hour=9, minute=0, second=0, microsecond=0)
    for i in range(n):
        Event.objects.create(
            project=world.project,
            created_by=world.users["admin"],
            title=f"Call {i}",
            starts_at=start + timedelta(hours=i * 7),
            ends_at=start + timedelta(hours=i * 7 + 1),
            timezone="Europe/Paris",
        )


@pytest.mark.parametrize("n", [10, 50])
def test_the_founder_reads_the_month_in_the_same_few_queries(
    client, world, django_assert_num_queries, n
):
    _events(world, n)
    client.force_login(world.users["admin"])
    url = reverse("calendar:month", kwargs={"project_id": world.project.pk})
    client.get(url)
    # Session, user, membership, the month's events: the reader's zone is the session's
    # (calendar.middleware.reader_zone), not asked of their settings and school again.
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.status_code == 200 and "Call 0" in response.text
