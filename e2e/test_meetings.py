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


def test_the_meeting_page_ends_the_meeting_not_the_chat_and_join_follows_the_call(
    live_asgi, page_as
):
    """Issue 14: "Close the room" beside the video closed the chat; Join stayed clickable."""
    project = make_project()
    alice, bob = [m.user for m in project.memberships.filter(is_founder=True).order_by("pk")]
    room = MeetingRoom.objects.create(project=project, title="Hello Berlin", created_by=alice)
    url = f"{live_asgi}/projects/{project.pk}/space/meetings/{room.pk}/"

    teacher, other = page_as(alice), page_as(bob)
    teacher.goto(url)
    teacher.get_by_role("button", name="Open the room to pupils").click()
    # Two distinct controls: the chat's and the meeting's; nothing says just "room".
    assert teacher.get_by_role("button", name="Close the room").count() == 0
    assert teacher.get_by_role("button", name="Close the chat").count() == 1
    end = teacher.get_by_role("button", name="End the meeting for everyone")
    assert end.count() == 1

    other.goto(url)
    join = other.get_by_role("button", name="Join the meeting")
    join.click()
    other.get_by_role("button", name="Leave").wait_for()
    other.wait_for_function(
        "() => !document.querySelector(\"[data-action='leave']\").disabled", timeout=10000
    )
    assert join.is_disabled()
    other.get_by_role("button", name="Leave").click()
    assert join.is_enabled()
    join.click()
    other.wait_for_function(
        "() => !document.querySelector(\"[data-action='leave']\").disabled", timeout=10000
    )
    assert join.is_disabled()

    end.click()
    teacher.get_by_text("The room is not open to pupils yet.").wait_for()
    other.locator("#meeting-status").get_by_text("The meeting has ended.").wait_for(timeout=10000)
    assert join.is_enabled()
    room.refresh_from_db()
    assert room.opened_at is None
    # The chat beside the video is still open.
    assert teacher.get_by_role("button", name="Close the chat").count() == 1
    assert all(r.is_open for r in project.chat_rooms.all())


# Just before its "meeting.join", the page sends an answer for a call it is not in, as a
# page does when its answer crosses a teacher's removal: the server refuses that answer.
STALE_ANSWER_BEFORE_THE_JOIN = """(room) => {
  const socket = JumelageSocket.connect(document.getElementById("meeting").dataset.wsPath);
  const send = socket.send.bind(socket);
  socket.send = (frame) => {
    if (frame.type === "meeting.join") {
      send({ type: "meeting.signal", room, to: 1, data: { type: "answer", sdp: "" } });
    }
    return send(frame);
  };
}"""


def test_a_refusal_of_a_frame_sent_before_the_join_does_not_end_the_new_call(live_asgi, page_as):
    """The refusal of the old answer arrives between the join and its answer: it is stale."""
    project = make_project()
    alice = project.memberships.filter(is_founder=True).order_by("pk").first().user
    room = MeetingRoom.objects.create(project=project, title="Hello Berlin", created_by=alice)
    page = page_as(alice)
    page.goto(f"{live_asgi}/projects/{project.pk}/space/meetings/{room.pk}/")
    page.wait_for_function("() => window.jumelageMeeting")
    page.evaluate(STALE_ANSWER_BEFORE_THE_JOIN, room.pk)

    page.get_by_role("button", name="Join the meeting").click()
    page.locator("#meeting-status").get_by_text("Waiting for the other classes").wait_for()
    assert page.get_by_role("button", name="Leave").is_enabled()
    assert room.participants.filter(user=alice).count() == 1
