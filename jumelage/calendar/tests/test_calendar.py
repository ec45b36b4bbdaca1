from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jumelage.calendar.models import Event, FeedToken, UserCalendarSettings
from jumelage.core.testing import add_member, make_project, make_pupil, make_school, make_teacher
from jumelage.projects.models import Membership, Project

pytestmark = pytest.mark.django_db


def _admin(project):
    return project.memberships.filter(is_founder=True).first().user


def _event(project, title="Video call", start=None, hours=1, zone="Europe/Paris", **fields):
    start = start or datetime(2026, 10, 24, 8, tzinfo=UTC)
    return Event.objects.create(
        project=project,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        timezone=zone,
        **fields,
    )


def _url(name, project, **kwargs):
    return reverse(f"calendar:{name}", kwargs={"project_id": project.pk, **kwargs})


def _vevents(body: bytes):
    cal = icalendar.Calendar.from_ical(body)
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


# --- iCalendar ------------------------------------------------------------------------


def test_ical_feed_gives_the_right_utc_times_on_both_sides_of_the_dst_change(client):
    """Europe/Paris leaves summer time on 2026-10-25: 10:00 is 08:00Z before, 09:00Z after."""
    project = make_project()
    admin = _admin(project)
    client.force_login(admin)
    for day, title in ((24, "Before"), (26, "After")):
        response = client.post(
            _url("event_create", project),
            {
                "title": title,
                "start": f"2026-10-{day}T10:00",
                "end": f"2026-10-{day}T11:00",
                "timezone": "Europe/Paris",
            },
        )
        assert response.status_code == 302
    client.post(_url("project_feed", project), {"action": "regenerate"})
    token = FeedToken.objects.get(user=admin, project=project).token
    client.logout()
    response = client.get(_url("project_ics", project, token=token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = _vevents(response.content)
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
    _event(project, "Ours")
    _event(other, "Theirs")
    client.force_login(teacher)
    client.post(_url("project_feed", project), {"action": "regenerate"})
    first = FeedToken.objects.get(user=teacher, project=project).token
    assert first in client.get(_url("project_feed", project)).text
    client.logout()
    assert client.get(_url("project_ics", project, token=first)).status_code == 200
    assert "Theirs" not in client.get(_url("project_ics", project, token=first)).text
    # Wrong token, or the right token on another project's URL: 404.
    assert client.get(_url("project_ics", project, token="nope")).status_code == 404
    assert client.get(_url("project_ics", other, token=first)).status_code == 404
    # Regenerating kills the old URL.
    client.force_login(teacher)
    client.post(_url("project_feed", project), {"action": "regenerate"})
    second = FeedToken.objects.get(user=teacher, project=project).token
    assert second != first
    client.logout()
    assert client.get(_url("project_ics", project, token=first)).status_code == 404
    assert client.get(_url("project_ics", project, token=second)).status_code == 200
    # Revoking: 404.
    client.force_login(teacher)
    client.post(_url("project_feed", project), {"action": "revoke"})
    client.logout()
    assert client.get(_url("project_ics", project, token=second)).status_code == 404
    # A member who leaves loses the feed even if the token still exists.
    feed = FeedToken.objects.create(user=teacher, project=project)
    Membership.objects.filter(user=teacher, project=project).delete()
    assert client.get(_url("project_ics", project, token=feed.token)).status_code == 404


def test_personal_feed_holds_every_project_of_the_user_and_nothing_else(client):
    teacher = make_teacher()
    mine_a = make_project([teacher, make_teacher("DE")])
    mine_b = make_project()
    add_member(mine_b, teacher)
    foreign = make_project()
    _event(mine_a, "A")
    _event(mine_b, "B")
    _event(foreign, "Foreign")
    client.force_login(teacher)
    assert client.post(reverse("mycalendar:feed"), {"action": "regenerate"}).status_code == 302
    token = FeedToken.objects.get(user=teacher, project=None).token
    client.logout()
    response = client.get(reverse("mycalendar:ics", kwargs={"token": token}))
    assert set(_vevents(response.content)) == {"A", "B"}
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


# --- Each viewer's time zone -----------------------------------------------------------


def test_views_show_times_in_each_viewers_time_zone(client):
    """08:00Z is 10:00 in Paris (the French school), 11:00 in Helsinki (chosen), 09:00 in Lisbon."""
    project = make_project()
    _event(project, "Video call", start=datetime(2027, 6, 15, 8, tzinfo=UTC))
    french = _admin(project)
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
            _url("month", project) + "?month=2027-06",
            _url("event_list", project),
            _url("event_detail", project, event_id=event.pk),
        ):
            text = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
            assert local in text, (user, url)


def test_month_view_puts_an_event_on_the_viewers_local_day(client):
    """23:30Z on the 24th is already the 25th in Helsinki."""
    project = make_project()
    _event(project, "Late", start=datetime(2026, 10, 24, 21, 30, tzinfo=UTC), zone="UTC")
    viewer = _admin(project)
    UserCalendarSettings.objects.create(user=viewer, timezone="Europe/Helsinki")
    client.force_login(viewer)
    text = client.get(_url("month", project) + "?month=2026-10").text
    cell_25 = text.split('<span class="day-number">25</span>', 1)[1].split("</td>", 1)[0]
    assert "Late" in cell_25
    assert "00:30" in cell_25


# --- Writing events --------------------------------------------------------------------


def test_event_form_refuses_bad_times_and_unsafe_links_without_losing_input(client):
    project = make_project()
    client.force_login(_admin(project))
    base = {"title": "Keep me", "timezone": "Europe/Paris", "place": "Gym"}
    cases = [
        ({"start": "2026-10-24T10:00", "end": "2026-10-24T09:00"}, "must end after it starts"),
        ({"start": "2026-03-29T02:30", "end": "2026-03-29T04:00"}, "does not exist"),
        ({"start": "not a date", "end": "2026-03-29T04:00"}, "Enter a date and time"),
        (
            {
                "start": "2026-10-24T10:00",
                "end": "2026-10-24T11:00",
                "online_url": "javascript:alert(1)",
            },
            "Enter a valid URL",
        ),
        (
            {"start": "2026-10-24T10:00", "end": "2026-10-24T11:00", "timezone": "Nowhere/City"},
            "valid choice",
        ),
    ]
    for extra, message in cases:
        response = client.post(_url("event_create", project), {**base, **extra})
        assert response.status_code == 400
        assert message in response.text
        assert 'value="Keep me"' in response.text
        assert 'aria-invalid="true"' in response.text
    assert not Event.objects.exists()


def test_editing_an_event_keeps_its_zone_and_bumps_the_sequence(client):
    project = make_project()
    event = _event(project, zone="Europe/Lisbon", start=datetime(2026, 10, 24, 9, tzinfo=UTC))
    client.force_login(_admin(project))
    form = client.get(_url("event_edit", project, event_id=event.pk)).text
    assert 'value="2026-10-24T10:00"' in form  # 09:00Z is 10:00 in Lisbon (summer time)
    client.post(
        _url("event_edit", project, event_id=event.pk),
        {
            "title": "Moved",
            "start": "2026-10-24T11:00",
            "end": "2026-10-24T12:00",
            "timezone": "Europe/Lisbon",
        },
    )
    event.refresh_from_db()
    assert event.title == "Moved"
    assert event.starts_at == datetime(2026, 10, 24, 10, tzinfo=UTC)
    assert event.sequence == 1


def test_pupils_and_guests_read_but_do_not_write_and_a_closed_project_is_read_only(client):
    project = make_project()
    event = _event(project)
    for user in (make_pupil(project), add_member(project, role=Membership.Role.GUEST)):
        client.force_login(user)
        assert client.get(_url("month", project)).status_code == 200
        assert client.get(_url("event_create", project)).status_code == 403
        assert client.post(_url("event_delete", project, event_id=event.pk)).status_code == 403
    project.status = Project.Status.CLOSED
    project.save()
    admin = _admin(project)
    client.force_login(admin)
    assert "Video call" in client.get(_url("event_list", project) + "?past=1").text
    assert client.get(_url("event_detail", project, event_id=event.pk)).status_code == 200
    assert client.get(_url("event_create", project)).status_code == 403
    assert client.post(_url("event_delete", project, event_id=event.pk)).status_code == 403
    assert Event.objects.filter(pk=event.pk).exists()


def test_teacher_deletes_an_event_and_it_is_audited(client):
    from jumelage.audit.models import AuditEntry

    project = make_project()
    event = _event(project)
    client.force_login(_admin(project))
    assert client.get(_url("event_delete", project, event_id=event.pk)).status_code == 405
    client.post(_url("event_delete", project, event_id=event.pk))
    assert not Event.objects.exists()
    assert AuditEntry.objects.filter(action="calendar.event_deleted", project=project).exists()


def test_outsiders_get_404_anonymous_visitors_log_in_first_and_bad_ids_are_404(client):
    project = make_project()
    event = _event(project)
    other = make_project()
    urls = [
        _url("month", project),
        _url("event_list", project),
        _url("event_detail", project, event_id=event.pk),
        _url("event_ics", project, event_id=event.pk),
        _url("project_feed", project),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for user in (_admin(other), make_pupil(other)):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
    client.force_login(_admin(project))
    assert client.get(_url("event_detail", other, event_id=event.pk)).status_code == 404
    assert client.get(_url("month", project) + "?month=2026-13").status_code == 200
    for month in ("garbage", "0001-01", "9999-12", "2026-0"):
        assert client.get(_url("month", project) + f"?month={month}").status_code == 200


# --- Query counts -----------------------------------------------------------------------


def _same_queries(client, django_assert_num_queries, url, grow):
    grow(2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    assert len(small) <= 12
    grow(10)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["month", "event_list"])
def test_calendar_query_count_does_not_grow_with_events(client, django_assert_num_queries, name):
    project = make_project()
    client.force_login(make_pupil(project))
    now = timezone.now()

    def grow(n):
        for i in range(n):
            _event(project, f"E{i}", start=now + timedelta(hours=i + 1))

    url = _url(name, project) + ("?month=" + now.strftime("%Y-%m") if name == "month" else "")
    _same_queries(client, django_assert_num_queries, url, grow)


def test_feeds_query_count_does_not_grow_with_events(client, django_assert_num_queries):
    project = make_project()
    admin = _admin(project)
    token = FeedToken.objects.create(user=admin, project=project).token
    personal = FeedToken.objects.create(user=admin).token

    def grow(n):
        for i in range(n):
            _event(project, f"E{i}", start=datetime(2026, 10, 20 + i % 9, 8, tzinfo=UTC))

    _same_queries(
        client, django_assert_num_queries, _url("project_ics", project, token=token), grow
    )
    _same_queries(
        client,
        django_assert_num_queries,
        reverse("mycalendar:ics", kwargs={"token": personal}),
        grow,
    )


def test_dashboard_shows_my_next_events_at_my_local_time(client):
    project = make_project()
    viewer = _admin(project)
    UserCalendarSettings.objects.create(user=viewer, timezone="Europe/Helsinki")
    _event(project, "Next call", start=datetime(2027, 6, 15, 8, tzinfo=UTC))
    _event(make_project(), "Not mine", start=datetime(2027, 6, 15, 8, tzinfo=UTC))
    client.force_login(viewer)
    text = client.get(reverse("core:dashboard")).text
    assert "Next call" in text and "T11:00:00+03:00" in text
    assert "Not mine" not in text
    assert reverse("mycalendar:settings") in text


def test_a_scheduled_meeting_links_its_event_to_the_room(client):
    from jumelage.meetings import services as meetings

    project = make_project()
    admin = _admin(project)
    room = meetings.create_room(admin, project, "Room A")
    meeting = meetings.schedule(
        admin,
        project,
        room,
        title="Weekly call",
        starts_at=datetime(2027, 6, 15, 8, tzinfo=UTC),
        ends_at=datetime(2027, 6, 15, 9, tzinfo=UTC),
        tz="Europe/Paris",
    )
    client.force_login(make_pupil(project))
    text = client.get(_url("event_detail", project, event_id=meeting.event_id)).text
    assert (
        reverse("meetings:room_detail", kwargs={"project_id": project.pk, "room_id": room.pk})
        in text
    )


def test_my_calendar_query_count_does_not_grow_with_events(client, django_assert_num_queries):
    teacher = make_teacher()
    projects = [make_project([teacher, make_teacher("DE")]) for _ in range(2)]
    client.force_login(teacher)
    now = timezone.now()

    def grow(n):
        for i in range(n):
            _event(projects[i % 2], f"E{i}", start=now + timedelta(hours=i + 1))

    _same_queries(client, django_assert_num_queries, reverse("mycalendar:settings"), grow)
