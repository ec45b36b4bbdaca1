"""A group's events as a month and an iCalendar feed: the calendar app's grid and feeds."""

from datetime import UTC, datetime

import icalendar
import pytest
from django.urls import reverse

from jumelage import testing
from jumelage.calendar import services as calendar_services
from jumelage.calendar.models import FeedToken, UserCalendarSettings
from jumelage.groups import services
from jumelage.groups.access import load_access
from jumelage.groups.models import Group

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(world, group):
    admin = world.users["admin"]
    services.join(load_access(admin, group.pk))
    return admin


def _event(group, moderator, title, start, end=None):
    return calendar_services.create_event(
        moderator,
        group,
        {"title": title, "starts_at": start, "ends_at": end or start.replace(hour=start.hour + 1)},
    )


def test_the_month_shows_the_groups_events_on_the_readers_local_day(
    client, group, moderator, member
):
    """23:30 in Helsinki on the 24th: 21:30Z. The reader in Helsinki sees it on the 25th."""
    _event(group, moderator, "Late workshop", datetime(2026, 10, 24, 21, 30, tzinfo=UTC))
    other = services.create_group(moderator, name="Other", admission=Group.Admission.OPEN)
    _event(other, moderator, "Not ours", datetime(2026, 10, 12, 9, tzinfo=UTC))
    UserCalendarSettings.objects.create(user=member, timezone="Europe/Helsinki")
    client.force_login(member)
    url = reverse("groups:event_month", args=[group.pk])
    text = client.get(url, {"month": "2026-10"}).content.decode()
    cell_25 = text.split('<span class="day-number">25</span>', 1)[1].split("</td>", 1)[0]
    assert "Late workshop" in cell_25 and "00:30" in cell_25
    assert "Not ours" not in text
    assert "Europe/Helsinki" in text  # the page says which zone the times are in
    assert "?month=2026-11" in text and "?month=2026-09" in text
    assert client.get(url, {"month": "nonsense"}).status_code == 200


def test_the_month_and_the_feed_page_are_for_members_only(client, group, moderator):
    stranger = testing.make_teacher("IT")
    client.force_login(stranger)
    for name in ("groups:event_month", "groups:event_feed"):
        assert client.get(reverse(name, args=[group.pk])).status_code == 404
    client.force_login(moderator)
    assert client.get(reverse("groups:event_month", args=[group.pk])).status_code == 200


def test_a_members_secret_feed_serves_the_groups_events_until_they_leave(
    client, group, moderator, member
):
    _event(group, moderator, "Workshop", datetime(2030, 3, 4, 13, tzinfo=UTC))
    other = services.create_group(moderator, name="Other", admission=Group.Admission.OPEN)
    _event(other, moderator, "Not ours", datetime(2030, 3, 5, 13, tzinfo=UTC))
    client.force_login(member)
    feed_page = reverse("groups:event_feed", args=[group.pk])
    client.post(feed_page, {"action": "regenerate"})
    token = FeedToken.objects.get(user=member, group=group)
    assert token.project is None
    page = client.get(feed_page).content.decode()
    ics_url = reverse("groups:event_ics", args=[group.pk, token.token])
    assert ics_url in page

    client.logout()  # a calendar application holds the address, not a session
    response = client.get(ics_url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Workshop"]
    assert reverse("groups:events", args=[group.pk]) in str(events[0]["url"])
    # The token is not a personal feed nor another group's.
    assert client.get(reverse("mycalendar:ics", args=[token.token])).status_code == 404
    assert client.get(reverse("groups:event_ics", args=[other.pk, token.token])).status_code == 404

    services.leave(load_access(member, group.pk))
    assert client.get(ics_url).status_code == 404  # a former member's address is dead


def test_a_new_address_kills_the_old_one_and_revoking_kills_it_too(client, group, member):
    client.force_login(member)
    feed_page = reverse("groups:event_feed", args=[group.pk])
    client.post(feed_page, {"action": "regenerate"})
    first = FeedToken.objects.get(user=member, group=group).token
    client.post(feed_page, {"action": "regenerate"})
    second = FeedToken.objects.get(user=member, group=group).token
    assert first != second
    assert client.get(reverse("groups:event_ics", args=[group.pk, first])).status_code == 404
    assert client.get(reverse("groups:event_ics", args=[group.pk, second])).status_code == 200
    client.post(feed_page, {"action": "revoke"})
    assert client.get(reverse("groups:event_ics", args=[group.pk, second])).status_code == 404
    # The person's own feed of their projects is a separate token, untouched by the group's.
    personal = calendar_services.regenerate_feed(member)
    assert personal.group is None and personal.project is None
    client.post(feed_page, {"action": "regenerate"})
    assert FeedToken.objects.filter(user=member).count() == 2
