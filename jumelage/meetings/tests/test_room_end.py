"""Ending a meeting from its page tells everyone still connected (through realtime.publish)."""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from jumelage.meetings import services
from jumelage.meetings.models import MeetingRoom, Participant
from jumelage.testing import make_project, ws_connect

pytestmark = pytest.mark.django_db(transaction=True)


@sync_to_async
def _room():
    project = make_project()
    teacher = project.memberships.filter(is_founder=True).first().user
    room = MeetingRoom.objects.create(project=project, title="Weekly call", created_by=teacher)
    services.open_room(teacher, room)
    return project, room, teacher


@sync_to_async
def _press_end(teacher, project, room):
    client = Client()
    client.force_login(teacher)
    url = reverse("meetings:room_end", kwargs={"project_id": project.pk, "room_id": room.pk})
    return client.post(url).status_code


async def test_the_end_button_sends_everyone_out_of_the_room():
    project, room, teacher = await _room()
    socket, ok, _ = await ws_connect(teacher, f"/ws/projects/{project.pk}/")
    assert ok
    await socket.send_json_to({"type": "meeting.join", "room": room.pk})
    while (await socket.receive_json_from(timeout=3))["type"] != "meeting.joined":
        pass
    assert await _press_end(teacher, project, room) == 302
    while True:
        message = await socket.receive_json_from(timeout=3)
        if message["type"] == "meeting.ended":
            break
    assert message["room"] == room.pk
    assert await sync_to_async(Participant.objects.filter(room=room).count)() == 0
    await socket.disconnect()
