from datetime import UTC, datetime, time

import pytest
from django.urls import reverse

from jumelage.calendar.models import Event
from jumelage.meetings.models import MeetingRoom, ScheduledMeeting
from jumelage.projects.models import Membership
from jumelage.testing import add_member, make_project, make_pupil, make_school, make_teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return make_project(founders=[make_teacher("FR"), make_teacher("FI")])


def founder(project, n=0):
    return project.memberships.filter(is_founder=True).order_by("pk")[n].user


def test_a_teacher_creates_a_room_and_opens_it(client, project):
    client.force_login(founder(project))
    url = reverse("meetings:room_list", kwargs={"project_id": project.pk})
    response = client.post(url, {"title": "Monday call", "external_url": ""})
    room = MeetingRoom.objects.get(project=project)
    assert response.status_code == 302 and room.title == "Monday call" and not room.is_open
    client.post(
        reverse("meetings:room_open", kwargs={"project_id": project.pk, "room_id": room.pk})
    )
    room.refresh_from_db()
    assert room.is_open and room.opened_by == founder(project)
    page = client.get(
        reverse("meetings:room_detail", kwargs={"project_id": project.pk, "room_id": room.pk})
    )
    assert "The room is open." in page.text


def test_a_room_without_a_title_gets_a_clear_message(client, project):
    client.force_login(founder(project))
    response = client.post(
        reverse("meetings:room_list", kwargs={"project_id": project.pk}), {"title": ""}
    )
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not MeetingRoom.objects.exists()


def test_a_pupil_cannot_open_a_room(client, project):
    room = MeetingRoom.objects.create(project=project, title="Call")
    client.force_login(make_pupil(project))
    response = client.post(
        reverse("meetings:room_open", kwargs={"project_id": project.pk, "room_id": room.pk})
    )
    assert response.status_code == 403
    room.refresh_from_db()
    assert not room.is_open


def test_another_projects_room_is_not_found(client, project):
    other = make_project()
    room = MeetingRoom.objects.create(project=other, title="Other")
    client.force_login(founder(project))
    response = client.get(
        reverse("meetings:room_detail", kwargs={"project_id": project.pk, "room_id": room.pk})
    )
    assert response.status_code == 404


def test_a_big_event_points_to_an_external_link(client, project):
    room = MeetingRoom.objects.create(
        project=project, title="Showcase", external_url="https://visio.example.org/showcase"
    )
    client.force_login(founder(project))
    page = client.get(
        reverse("meetings:room_detail", kwargs={"project_id": project.pk, "room_id": room.pk})
    )
    assert 'href="https://visio.example.org/showcase"' in page.text
    assert 'id="meeting"' not in page.text


def test_find_a_time_proposes_slots_in_every_school_and_schedules_one(client, project):
    lisbon = make_school("PT", timezone="Europe/Lisbon", day_start=time(8, 30), day_end=time(17, 0))
    add_member(project, make_teacher("PT", school=lisbon))
    client.force_login(founder(project))
    url = reverse("meetings:find_time", kwargs={"project_id": project.pk})
    response = client.get(url, {"first_day": "2026-12-07", "days": 5, "duration": 60})
    assert response.status_code == 200
    assert "Holidays in this period" in response.text and "PT" in response.text
    slots = response.context["slots"]
    assert slots and all(s["utc"].date() != datetime(2026, 12, 8).date() for s in slots)
    # The best time of each day, not every quarter of an hour: Monday, Wednesday to Friday.
    assert len(slots) == 4 and len({s["utc"].date() for s in slots}) == 4
    first = slots[0]["utc"]
    room = MeetingRoom.objects.create(project=project, title="Call")
    response = client.post(
        reverse("meetings:schedule", kwargs={"project_id": project.pk}),
        {"title": "Class meeting", "starts_at": first.isoformat(), "duration": 60, "room": room.pk},
    )
    assert response.status_code == 302
    meeting = ScheduledMeeting.objects.select_related("event").get()
    assert meeting.room == room and meeting.event.project == project
    assert meeting.event.starts_at == first.astimezone(UTC)
    assert (meeting.event.ends_at - meeting.event.starts_at).total_seconds() == 3600


def test_find_a_time_with_bad_input_explains(client, project):
    client.force_login(founder(project))
    response = client.get(
        reverse("meetings:find_time", kwargs={"project_id": project.pk}),
        {"first_day": "soon", "days": 99},
    )
    assert response.status_code == 200
    assert "Enter a valid date." in response.text
    response = client.post(
        reverse("meetings:schedule", kwargs={"project_id": project.pk}), {"title": ""}, follow=True
    )
    assert "could not be scheduled" in response.text
    assert not Event.objects.exists()


def test_closed_project_rooms_are_read_only(client, project):
    project.status = project.Status.CLOSED
    project.save()
    client.force_login(founder(project))
    response = client.post(
        reverse("meetings:room_list", kwargs={"project_id": project.pk}), {"title": "Late"}
    )
    assert response.status_code == 403
    assert (
        client.get(reverse("meetings:room_list", kwargs={"project_id": project.pk})).status_code
        == 200
    )


def test_room_list_query_count_does_not_grow(client, project, django_assert_num_queries):
    client.force_login(founder(project))
    url = reverse("meetings:room_list", kwargs={"project_id": project.pk})
    MeetingRoom.objects.create(project=project, title="One")
    client.get(url)
    with django_assert_num_queries(4) as few:
        client.get(url)
    MeetingRoom.objects.bulk_create(
        MeetingRoom(project=project, title=f"Room {n}") for n in range(20)
    )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_room_detail_query_count(client, project, django_assert_num_queries):
    """The page (video, controls and the chat beside it) costs the same as the chat grows."""
    from jumelage.chat.models import Message, Room

    room = MeetingRoom.objects.create(project=project, title="Call")
    add_member(project, role=Membership.Role.TEACHER)
    client.force_login(founder(project))
    url = reverse("meetings:room_detail", kwargs={"project_id": project.pk, "room_id": room.pk})
    client.get(url)
    general = Room.objects.get(project=project, kind=Room.Kind.GENERAL)
    Message.objects.create(room=general, author=founder(project, 1), body="One", client_id="c0")
    with django_assert_num_queries(10) as first:
        client.get(url)
    Message.objects.bulk_create(
        Message(room=general, author=founder(project, n % 2), body=f"M{n}", client_id=f"c{n + 1}")
        for n in range(10)
    )
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


def test_the_projects_chat_is_beside_the_video(client, project):
    from jumelage.chat import services as chat_services
    from jumelage.chat.models import Message, Room

    chat_services.ensure_rooms(project)
    general = Room.objects.get(project=project, kind=Room.Kind.GENERAL)
    Message.objects.create(
        room=general, author=founder(project, 1), body="Can you hear us?", client_id="m1"
    )
    room = MeetingRoom.objects.create(project=project, title="Call")
    client.force_login(make_pupil(project))
    page = client.get(
        reverse("meetings:room_detail", kwargs={"project_id": project.pk, "room_id": room.pk})
    )
    assert page.status_code == 200
    assert 'id="chat"' in page.text and f'data-room="{general.pk}"' in page.text
    assert "Can you hear us?" in page.text


def test_the_finder_in_french_carries_iso_dates_in_its_date_input(client, project):
    """A localised value ("03/12/2026") in <input type=date> shows an empty field (issue 14)."""
    teacher = founder(project)
    teacher.language = "fr"
    teacher.save(update_fields=["language"])
    client.force_login(teacher)
    url = reverse("meetings:find_time", kwargs={"project_id": project.pk})
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200 and "À partir du" in response.text
    proposed = response.context["form"].fields["first_day"].initial
    assert f'value="{proposed.isoformat()}"' in response.text
    response = client.get(url, {"first_day": "2026-12-07", "days": 2, "duration": 45})
    assert 'value="2026-12-07"' in response.text and "Ce champ est obligatoire" not in response.text


def test_find_a_time_skips_a_partner_schools_holidays(client, project):
    from jumelage.reference.models import Country
    from jumelage.schools.models import SchoolHoliday

    SchoolHoliday.objects.create(
        country=Country.objects.get(code="FI"),
        name="Joululoma",
        first_day=datetime(2026, 12, 21).date(),
        last_day=datetime(2027, 1, 6).date(),
    )
    client.force_login(founder(project))
    url = reverse("meetings:find_time", kwargs={"project_id": project.pk})
    response = client.get(url, {"first_day": "2026-12-14", "days": 14, "duration": 45})
    days = {s["utc"].date() for s in response.context["slots"]}
    assert days and max(days) <= datetime(2026, 12, 18).date()
    assert "Joululoma" in response.text
