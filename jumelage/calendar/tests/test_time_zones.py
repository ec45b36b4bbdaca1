"""Each viewer reads times in their own time zone."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from jumelage.calendar.models import Event, UserCalendarSettings
from jumelage.testing import add_member, make_project, make_school, make_teacher

from .helpers import founder_of, make_event, page_url

pytestmark = pytest.mark.django_db


def test_views_show_times_in_each_viewers_time_zone(client):
    """08:00Z is 10:00 in Paris (the French school), 11:00 in Helsinki (chosen), 09:00 in Lisbon."""
    project = make_project()
    make_event(project, "Video call", start=datetime(2027, 6, 15, 8, tzinfo=UTC))
    french = founder_of(project)
    finnish = add_member(project)
    UserCalendarSettings.objects.create(user=finnish, timezone="Europe/Helsinki")
    portuguese = add_member(
        project, make_teacher("PT", school=make_school("PT", timezone="Europe/Lisbon"))
    )
    event = Event.objects.get()
    for user, local in (
        (french, "T10:00:00+02:00"),
        (finnish, "T11:00:00+03:00"),
        (portuguese, "T09:00:00+01:00"),
    ):
        client.force_login(user)
        for url in (
            page_url("month", project) + "?month=2027-06",
            page_url("event_list", project),
            page_url("event_detail", project, event_id=event.pk),
        ):
            text = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
            assert local in text, (user, url)


def test_month_view_puts_an_event_on_the_viewers_local_day(client):
    """23:30Z on the 24th is already the 25th in Helsinki."""
    project = make_project()
    make_event(project, "Late", start=datetime(2026, 10, 24, 21, 30, tzinfo=UTC), zone="UTC")
    viewer = founder_of(project)
    UserCalendarSettings.objects.create(user=viewer, timezone="Europe/Helsinki")
    client.force_login(viewer)
    text = client.get(page_url("month", project) + "?month=2026-10").text
    cell_25 = text.split('<span class="day-number">25</span>', 1)[1].split("</td>", 1)[0]
    assert "Late" in cell_25
    assert "00:30" in cell_25


def test_dashboard_shows_my_next_events_at_my_local_time(client):
    project = make_project()
    viewer = founder_of(project)
    UserCalendarSettings.objects.create(user=viewer, timezone="Europe/Helsinki")
    make_event(project, "Next call", start=datetime(2027, 6, 15, 8, tzinfo=UTC))
    make_event(make_project(), "Not mine", start=datetime(2027, 6, 15, 8, tzinfo=UTC))
    client.force_login(viewer)
    text = client.get(reverse("core:dashboard")).text
    assert "Next call" in text and "T11:00:00+03:00" in text
    assert "Not mine" not in text
    assert reverse("mycalendar:settings") in text


def test_every_page_shows_times_in_the_readers_zone_and_a_new_choice_applies_at_once(client):
    """Not only the calendar: a chat message of 08:00Z reads 11:00 for a reader in
    Helsinki, and 09:00 once she picks Lisbon; live times use the same zone."""
    from jumelage.chat.models import Message, Room

    project = make_project()
    reader = add_member(project)
    UserCalendarSettings.objects.create(user=reader, timezone="Europe/Helsinki")
    room = Room.objects.create(project=project, kind="general")
    message = Message.objects.create(room=room, author=reader, body="Bonjour")
    message.created_at = datetime(2027, 6, 15, 8, tzinfo=UTC)
    message.save()
    url = reverse("chat:room", kwargs={"project_id": project.pk, "room_id": room.pk})
    client.force_login(reader)
    page = client.get(url).text
    assert ">11:00</time>" in page and 'data-time-zone="Europe/Helsinki"' in page
    client.post(reverse("mycalendar:settings"), {"timezone": "Europe/Lisbon"})
    page = client.get(url).text
    assert ">09:00</time>" in page and 'data-time-zone="Europe/Lisbon"' in page
    client.logout()  # and the next request of the worker is back to the platform's zone
    assert 'data-time-zone="Europe/Paris"' in client.get("/").text


def test_a_session_that_kept_no_zone_still_reads_the_calendar_in_the_readers_zone(client):
    """The calendar and the dashboard take the zone kept in the session at login (no
    query); a session from before that (or whose zone is gone) works it out again."""
    from jumelage.calendar.middleware import SESSION_KEY

    project = make_project()
    make_event(project, "Video call", start=datetime(2027, 6, 15, 8, tzinfo=UTC))
    reader = add_member(project)
    UserCalendarSettings.objects.create(user=reader, timezone="Europe/Helsinki")
    client.force_login(reader)
    for kept in (None, [reader.pk, "Mars/Olympus_Mons"]):
        session = client.session
        if kept is None:
            session.pop(SESSION_KEY, None)
        else:
            session[SESSION_KEY] = kept
        session.save()
        month = client.get(page_url("month", project) + "?month=2027-06").text
        dashboard = client.get(reverse("core:dashboard")).text
        assert "T11:00:00+03:00" in month and "T11:00:00+03:00" in dashboard, kept
