"""Two classes meet: two Chromium pages with fake cameras reach `connected` and see each other."""

import pytest

from jumelage.meetings.models import MeetingRoom
from jumelage.testing import make_project

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REMOTE_CONNECTED = "#videos li.remote[data-state='connected']"
REMOTE_VIDEO_PLAYING = """() => {
  const video = document.querySelector("#videos li.remote video");
  return !!video && !!video.srcObject && video.srcObject.getVideoTracks().length > 0
    && video.srcObject.getVideoTracks()[0].readyState === "live" && video.videoWidth > 0;
}"""


def test_two_classes_join_the_same_room_and_receive_each_others_video(live_asgi, page_as):
    project = make_project()
    alice, bob = [m.user for m in project.memberships.filter(is_founder=True).order_by("pk")]
    room = MeetingRoom.objects.create(project=project, title="Hello Berlin", created_by=alice)
    url = f"{live_asgi}/projects/{project.pk}/space/meetings/{room.pk}/"

    first, second = page_as(alice), page_as(bob)
    for page in (first, second):
        page.goto(url)
        page.get_by_role("button", name="Join the meeting").click()
        page.get_by_role("button", name="Leave").wait_for()
    for page in (first, second):
        page.wait_for_selector(REMOTE_CONNECTED, timeout=20000)
        page.wait_for_function(REMOTE_VIDEO_PLAYING, timeout=20000)
    assert first.locator("#videos li.remote").count() == 1
    assert second.locator("#videos li.remote").count() == 1

    # Leaving removes the class from the other's screen.
    second.get_by_role("button", name="Leave").click()
    first.wait_for_selector("#videos li.remote", state="detached", timeout=10000)
    assert "You left the meeting." in second.locator("#meeting-status").inner_text()


def test_the_meeting_page_with_its_chat_opens_one_project_websocket(live_asgi, page_as):
    """Chat and video share realtime/socket.js's one connection per project (R7)."""
    project = make_project()
    alice, bob = [m.user for m in project.memberships.filter(is_founder=True).order_by("pk")]
    room = MeetingRoom.objects.create(project=project, title="Hello Berlin", created_by=alice)
    url = f"{live_asgi}/projects/{project.pk}/space/meetings/{room.pk}/"

    page = page_as(alice)
    opened = []
    page.on("websocket", lambda ws: opened.append(ws.url))
    page.goto(url)
    page.wait_for_selector("#chat[data-socket='open']")
    page.get_by_role("button", name="Join the meeting").click()
    page.get_by_role("button", name="Leave").wait_for()
    # The chat beside the video still works, over the same connection.
    page.get_by_role("textbox", name="Message").fill("Hallo aus Lyon")
    page.get_by_role("button", name="Send").click()
    page.locator("#chat-messages").get_by_text("Hallo aus Lyon").wait_for()
    other = page_as(bob)
    other.goto(url)
    other.locator("#chat-messages").get_by_text("Hallo aus Lyon").wait_for()

    project_sockets = [u for u in opened if f"/ws/projects/{project.pk}/" in u]
    assert len(project_sockets) == 1, opened
    assert len(opened) == 2, opened  # and the personal one, /ws/me/, for the badge
