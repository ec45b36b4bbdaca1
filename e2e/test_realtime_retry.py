"""The browser's socket comes back by itself after a Redis restart (issue 13, Low).

The meeting page is in a call; its own redis-server is killed (the socket is
closed with 1013 "try again later"), then started again: the page reconnects
with backoff (realtime/static/realtime/socket.js) and is back in the meeting.
"""

import pytest

from jumelage.meetings.models import MeetingRoom, Participant
from jumelage.realtime.tests.own_redis import own_redis  # noqa: F401 - fixture
from jumelage.testing import make_project

pytestmark = [pytest.mark.e2e, pytest.mark.services, pytest.mark.django_db(transaction=True)]

ALONE = "You are in the meeting. Waiting for the other classes…"
RECONNECTING = "Connection lost: reconnecting…"


def test_the_meeting_page_reconnects_after_a_redis_restart(own_redis, live_asgi, page_as):  # noqa: F811
    project = make_project()
    alice = project.memberships.filter(is_founder=True).first().user
    room = MeetingRoom.objects.create(project=project, title="Call", created_by=alice)
    page = page_as(alice)
    page.goto(f"{live_asgi}/projects/{project.pk}/space/meetings/{room.pk}/")
    page.get_by_role("button", name="Join the meeting").click()
    status = page.locator("#meeting-status")
    status.filter(has_text=ALONE).wait_for()
    first_seat = Participant.objects.get(room=room).channel_name

    own_redis.kill()
    status.filter(has_text=RECONNECTING).wait_for(timeout=20000)
    own_redis.start()
    status.filter(has_text=ALONE).wait_for(timeout=60000)
    assert page.get_by_role("button", name="Leave").is_enabled()
    seats = list(Participant.objects.filter(room=room).values_list("channel_name", flat=True))
    assert seats and first_seat not in seats
