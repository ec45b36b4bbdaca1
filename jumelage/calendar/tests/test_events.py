"""Writing events, and who may."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from jumelage.calendar.models import Event
from jumelage.projects.models import Membership, Project
from jumelage.testing import add_member, make_project, make_pupil

from .helpers import founder_of, make_event, page_url

pytestmark = pytest.mark.django_db


def test_event_form_refuses_bad_times_and_unsafe_links_without_losing_input(client):
    project = make_project()
    client.force_login(founder_of(project))
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
        response = client.post(page_url("event_create", project), {**base, **extra})
        assert response.status_code == 400
        assert message in response.text
        assert 'value="Keep me"' in response.text
        assert 'aria-invalid="true"' in response.text
    assert not Event.objects.exists()


def test_editing_an_event_keeps_its_zone_and_bumps_the_sequence(client):
    project = make_project()
    event = make_event(project, zone="Europe/Lisbon", start=datetime(2026, 10, 24, 9, tzinfo=UTC))
    client.force_login(founder_of(project))
    form = client.get(page_url("event_edit", project, event_id=event.pk)).text
    assert 'value="2026-10-24T10:00"' in form  # 09:00Z is 10:00 in Lisbon (summer time)
    client.post(
        page_url("event_edit", project, event_id=event.pk),
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
    event = make_event(project)
    for user in (make_pupil(project), add_member(project, role=Membership.Role.GUEST)):
        client.force_login(user)
        assert client.get(page_url("month", project)).status_code == 200
        assert client.get(page_url("event_create", project)).status_code == 403
        assert client.post(page_url("event_delete", project, event_id=event.pk)).status_code == 403
    project.status = Project.Status.CLOSED
    project.save()
    admin = founder_of(project)
    client.force_login(admin)
    assert "Video call" in client.get(page_url("event_list", project) + "?past=1").text
    assert client.get(page_url("event_detail", project, event_id=event.pk)).status_code == 200
    assert client.get(page_url("event_create", project)).status_code == 403
    assert client.post(page_url("event_delete", project, event_id=event.pk)).status_code == 403
    assert Event.objects.filter(pk=event.pk).exists()


def test_teacher_deletes_an_event_and_it_is_audited(client):
    from jumelage.audit.models import AuditEntry

    project = make_project()
    event = make_event(project)
    client.force_login(founder_of(project))
    assert client.get(page_url("event_delete", project, event_id=event.pk)).status_code == 405
    client.post(page_url("event_delete", project, event_id=event.pk))
    assert not Event.objects.exists()
    assert AuditEntry.objects.filter(action="calendar.event_deleted", project=project).exists()


def test_outsiders_get_404_anonymous_visitors_log_in_first_and_bad_ids_are_404(client):
    project = make_project()
    event = make_event(project)
    other = make_project()
    urls = [
        page_url("month", project),
        page_url("event_list", project),
        page_url("event_detail", project, event_id=event.pk),
        page_url("event_ics", project, event_id=event.pk),
        page_url("project_feed", project),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for user in (founder_of(other), make_pupil(other)):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
    client.force_login(founder_of(project))
    assert client.get(page_url("event_detail", other, event_id=event.pk)).status_code == 404
    assert client.get(page_url("month", project) + "?month=2026-13").status_code == 200
    for month in ("garbage", "0001-01", "9999-12", "2026-0"):
        assert client.get(page_url("month", project) + f"?month={month}").status_code == 200


def test_a_scheduled_meeting_links_its_event_to_the_room(client):
    from jumelage.meetings import services as meetings

    project = make_project()
    admin = founder_of(project)
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
    text = client.get(page_url("event_detail", project, event_id=meeting.event_id)).text
    assert (
        reverse("meetings:room_detail", kwargs={"project_id": project.pk, "room_id": room.pk})
        in text
    )
