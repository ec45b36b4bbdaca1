"""The browser client resumes from its cursor: changes made while it was away appear, once."""

import pytest
from django.test import Client
from django.urls import reverse

from jumelage.chat import services
from jumelage.chat.models import Room
from jumelage.projects.access import access_for
from jumelage.realtime.testing import ensure_reference_data, fresh_channel_layers
from jumelage.testing import make_project, make_pupil

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_layers(transactional_db):
    ensure_reference_data()
    fresh_channel_layers()
    yield
    fresh_channel_layers()


def test_a_page_back_online_shows_what_was_approved_deleted_hidden_and_written_meanwhile(
    live_asgi, page_as
):
    project = make_project(pupils_need_approval=False)
    teacher = project.memberships.filter(is_founder=True).first().user
    room = Room.objects.create(project=project, kind="general", pupils_need_approval=True)
    alice, bob = make_pupil(project, name="Alice"), make_pupil(project, name="Bob")
    pending = services.post_message(
        alice, access_for(alice, room.project), room, "Alice waits for approval", "a1"
    )
    doomed = services.post_message(
        teacher, access_for(teacher, room.project), room, "Soon deleted", "t1"
    )
    hidden = services.post_message(
        teacher, access_for(teacher, room.project), room, "Soon hidden", "t2"
    )

    online = {"yes": True, "sockets": []}

    def route(ws):
        if online["yes"]:
            ws.connect_to_server()
            online["sockets"].append(ws)
        else:
            ws.close()  # no network: the page keeps retrying

    page = page_as(bob)
    page.route_web_socket("**/ws/projects/**", route)
    page.goto(f"{live_asgi}/projects/{project.pk}/space/chat/rooms/{room.pk}/")
    page.wait_for_selector("#chat[data-socket=open]")
    messages = page.locator(".chat-message")
    messages.filter(has_text="Soon hidden").wait_for()
    assert messages.filter(has_text="Alice waits").count() == 0

    online["yes"] = False
    for ws in online["sockets"]:
        ws.close()  # the connection drops
    page.wait_for_selector("#chat[data-socket=closed]")

    moderator = Client()
    moderator.force_login(teacher)
    p = project.pk
    assert moderator.post(reverse("chat:approve", args=[p, pending.pk])).status_code == 302
    assert moderator.post(reverse("chat:delete", args=[p, doomed.pk])).status_code == 302
    response = moderator.post(
        reverse("twinspace:moderate", args=[p]),
        {"content_type": "chat.message", "object_id": hidden.pk, "action": "hide"},
    )
    assert response.status_code == 303
    services.post_message(
        teacher, access_for(teacher, room.project), room, "Written while Bob was away", "t3"
    )

    online["yes"] = True
    messages.filter(has_text="Written while Bob was away").wait_for()
    messages.filter(has_text="Soon deleted").wait_for(state="detached")
    messages.filter(has_text="Soon hidden").wait_for(state="detached")
    texts = messages.locator(".chat-body").all_inner_texts()
    # The approved message is in its place (it was written first), each message once.
    assert texts == ["Alice waits for approval", "Written while Bob was away"]
