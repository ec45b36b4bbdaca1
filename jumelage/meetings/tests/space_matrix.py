from jumelage.meetings.models import MeetingRoom
from jumelage.testing.matrix import MEMBERS, TEACHERS, Case


def setup(world):
    room = MeetingRoom.objects.create(
        project=world.project, title="Weekly call", created_by=world.users["admin"]
    )
    return {"room_id": room.pk}


CASES = [
    Case("meetings:room_list", "GET", allowed=MEMBERS),
    Case("meetings:room_list", "POST", allowed=TEACHERS, data={"title": "New room"}),
    Case("meetings:room_detail", "GET", kwargs=("room_id",), allowed=MEMBERS),
    Case("meetings:room_open", "POST", kwargs=("room_id",), allowed=TEACHERS),
    Case("meetings:room_end", "POST", kwargs=("room_id",), allowed=TEACHERS),
    Case("meetings:find_time", "GET", allowed=TEACHERS),
    Case(
        "meetings:schedule",
        "POST",
        allowed=TEACHERS,
        data={"title": "Call", "starts_at": "2026-12-01T09:00:00Z", "duration": 45},
    ),
]
