"""iCalendar feeds: right UTC times, secret and revocable tokens, the personal feed."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from jumelage.calendar.models import FeedToken, UserCalendarSettings
from jumelage.projects.models import Membership
from jumelage.testing import add_member, make_project, make_teacher

from .helpers import founder_of, make_event, page_url, vevents

pytestmark = pytest.mark.django_db


def test_ical_feed_gives_the_right_utc_times_on_both_sides_of_the_dst_change(client):
    """Europe/Paris leaves summer time on 2026-10-25: 10:00 is 08:00Z before, 09:00Z after."""
    project = make_project()
    admin = founder_of(project)
    client.force_login(admin)
    for day, title in ((24, "Before"), (26, "After")):
        response = client.post(
            page_url("event_create", project),
            {
                "title": title,
                "start": f"2026-10-{day}T10:00",
                "end": f"2026-10-{day}T11:00",
                "timezone": "Europe/Paris",
            },
        )
        assert response.status_code == 302
    client.post(page_url("project_feed", project), {"action": "regenerate"})
    token = FeedToken.objects.get(user=admin, project=project).token
    client.logout()
    response = client.get(page_url("project_ics", project, token=token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = vevents(response.content)
    before, after = events["Before"], events["After"]
    assert before["dtstart"].dt.astimezone(UTC) == datetime(2026, 10, 24, 8, tzinfo=UTC)
    assert after["dtstart"].dt.astimezone(UTC) == datetime(2026, 10, 26, 9, tzinfo=UTC)
    assert after["dtend"].dt.astimezone(UTC) == datetime(2026, 10, 26, 10, tzinfo=UTC)
    # Local times with a TZID, and the zone's definition shipped in the file.
    assert before["dtstart"].params["TZID"] == "Europe/Paris"
    assert b"BEGIN:VTIMEZONE" in response.content and b"TZID:Europe/Paris" in response.content
    assert before["dtstamp"].dt.tzinfo is not None and before[
        "dtstamp"
    ].dt.utcoffset() == timedelta(0)


def test_project_feed_tokens_are_secret_revocable_and_bound_to_membership(client):
    project = make_project()
    other = make_project()
    teacher = add_member(project)
    make_event(project, "Ours")
    make_event(other, "Theirs")
    client.force_login(teacher)
    client.post(page_url("project_feed", project), {"action": "regenerate"})
    first = FeedToken.objects.get(user=teacher, project=project).token
    assert first in client.get(page_url("project_feed", project)).text
    client.logout()
    assert client.get(page_url("project_ics", project, token=first)).status_code == 200
    assert "Theirs" not in client.get(page_url("project_ics", project, token=first)).text
    # Wrong token, or the right token on another project's URL: 404.
    assert client.get(page_url("project_ics", project, token="nope")).status_code == 404
    assert client.get(page_url("project_ics", other, token=first)).status_code == 404
    # Regenerating kills the old URL.
    client.force_login(teacher)
    client.post(page_url("project_feed", project), {"action": "regenerate"})
    second = FeedToken.objects.get(user=teacher, project=project).token
    assert second != first
    client.logout()
    assert client.get(page_url("project_ics", project, token=first)).status_code == 404
    assert client.get(page_url("project_ics", project, token=second)).status_code == 200
    # Revoking: 404.
    client.force_login(teacher)
    client.post(page_url("project_feed", project), {"action": "revoke"})
    client.logout()
    assert client.get(page_url("project_ics", project, token=second)).status_code == 404
    # A member who leaves loses the feed even if the token still exists.
    feed = FeedToken.objects.create(user=teacher, project=project)
    Membership.objects.filter(user=teacher, project=project).delete()
    assert client.get(page_url("project_ics", project, token=feed.token)).status_code == 404


def test_personal_feed_holds_every_project_of_the_user_and_nothing_else(client):
    teacher = make_teacher()
    mine_a = make_project([teacher, make_teacher("DE")])
    mine_b = make_project()
    add_member(mine_b, teacher)
    foreign = make_project()
    make_event(mine_a, "A")
    make_event(mine_b, "B")
    make_event(foreign, "Foreign")
    client.force_login(teacher)
    assert client.post(reverse("mycalendar:feed"), {"action": "regenerate"}).status_code == 302
    token = FeedToken.objects.get(user=teacher, project=None).token
    client.logout()
    response = client.get(reverse("mycalendar:ics", kwargs={"token": token}))
    assert set(vevents(response.content)) == {"A", "B"}
    # A project token is not a personal token.
    project_token = FeedToken.objects.create(user=teacher, project=mine_a).token
    assert client.get(reverse("mycalendar:ics", kwargs={"token": project_token})).status_code == 404
    client.force_login(teacher)
    client.post(reverse("mycalendar:feed"), {"action": "revoke"})
    client.logout()
    assert client.get(reverse("mycalendar:ics", kwargs={"token": token})).status_code == 404


def test_personal_calendar_page_needs_a_login_and_saves_the_time_zone(client):
    response = client.get(reverse("mycalendar:settings"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(reverse("mycalendar:feed"), {"action": "regenerate"}).status_code == 302
    assert not FeedToken.objects.exists()
    teacher = make_teacher()
    client.force_login(teacher)
    assert (
        client.post(reverse("mycalendar:settings"), {"timezone": "Mars/Olympus"}).status_code == 400
    )
    client.post(reverse("mycalendar:settings"), {"timezone": "Europe/Helsinki"})
    assert UserCalendarSettings.objects.get(user=teacher).timezone == "Europe/Helsinki"
