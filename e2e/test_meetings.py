"""Two classes meet: two Chromium pages with fake cameras reach `connected` and see each other."""

import pytest

from jumelage.core.testing import make_project
from jumelage.meetings.models import MeetingRoom

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
