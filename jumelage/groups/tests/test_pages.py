"""The group's pages cost the same with 10 or 50 rows; the dashboard suggests groups."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jumelage import testing
from jumelage.calendar import services as calendar_services
from jumelage.forum import services as forum
from jumelage.groups import services
from jumelage.groups.access import load_access
from jumelage.groups.models import Group

pytestmark = pytest.mark.django_db

# session, user, access (member + group in one), then the page's own rows (the list:
# the groups, mine, the teacher's profile; the library: the files and their total).
# topic: 6 since it asks whether the reader follows it (one query, as the project forum does),
# 7 since it is the project forum's page (forum.pages.topic_context): replies paged, counted;
# library: 6 since it lists the folders of the level shown.
# detail: 7 for a moderator, who sees the count of open reports;
# reports: the open reports, their contents (topics, replies), authors and replies' topics;
# month: the month's events (the reader's zone is the session's, kept at login).
QUERIES = {
    "forum": 4,
    "topic": 7,
    "detail": 7,
    "members": 4,
    "library": 6,
    "list": 6,
    "events": 4,
    "month": 4,
    "reports": 9,
}


def _fill(group, moderator, rows):
    access = load_access(moderator, group.pk)
    for n in range(rows):
        topic = forum.start_topic(access, moderator, f"Topic {n}", "<p>x</p>")
        post = forum.reply(access, topic, moderator, f"<p>reply {n}</p>")
        reporter = load_access(testing.make_teacher("FR"), group.pk)
        services.join(reporter)
        reporter = load_access(reporter.user, group.pk)
        services.report(reporter, post, f"Reason {n}")
        services.report(reporter, topic, f"Reason {n}")
    return topic


@pytest.mark.parametrize("rows", [10, 50])
def test_the_groups_pages_cost_the_same_with_10_or_50_rows(client, group, moderator, rows):
    topic = _fill(group, moderator, rows)
    start = timezone.now() + timedelta(days=1)
    for n in range(rows):
        services.create_group(moderator, name=f"Group {n}", admission=Group.Admission.OPEN)
        calendar_services.create_event(
            moderator,
            group,
            {"title": f"Event {n}", "starts_at": start, "ends_at": start + timedelta(hours=1)},
        )
    client.force_login(moderator)
    pages = {
        "forum": reverse("groups:forum", args=[group.pk]),
        "topic": reverse("groups:topic", args=[group.pk, topic.pk]),
        "detail": reverse("groups:detail", args=[group.pk]),
        "members": reverse("groups:members", args=[group.pk]),
        "library": reverse("groups:library", args=[group.pk]),
        "events": reverse("groups:events", args=[group.pk]),
        "month": reverse("groups:event_month", args=[group.pk]) + f"?month={start:%Y-%m}",
        "reports": reverse("groups:reports", args=[group.pk]),
        "list": reverse("groups:list"),
    }
    counts = {}
    for name, url in pages.items():
        client.get(url)  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, name
        counts[name] = len(queries.captured_queries)
    assert counts == QUERIES


def test_the_dashboard_suggests_groups_on_the_teachers_subjects(
    client, world, group, moderator, django_capture_on_commit_callbacks
):
    services.create_group(moderator, name="Chess club", admission=Group.Admission.OPEN)
    private = services.create_group(
        moderator, name="Secret history", admission=Group.Admission.INVITATION, subjects=["history"]
    )
    assert private.subjects.exists()
    teacher = testing.make_teacher("DE")
    teacher.teacher_profile.subjects.set(["history"])
    cache.clear()
    client.force_login(teacher)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Groups for you" in page and "History teachers" in page
    assert "Chess club" not in page and "Secret history" not in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("groups:join", args=[group.pk]))
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "History teachers" not in page  # joined: no longer a suggestion


def test_pupils_and_staff_get_no_suggestion_panel(client, world, group):
    cache.clear()
    client.force_login(world.users["pupil"])
    assert "Groups for you" not in client.get(reverse("core:dashboard")).content.decode()
