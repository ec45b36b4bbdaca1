"""The meeting rooms a person created or opened, and where they are present, in their export."""

from django.db.models import Q

from jumelage.core.exports import iso, register_export

from .models import MeetingRoom, Participant


@register_export("meetings", order=63, models=[MeetingRoom, Participant])
def meetings(user) -> dict:
    rooms = (
        MeetingRoom.objects.filter(Q(created_by=user) | Q(opened_by=user))
        .select_related("project")
        .order_by("id")
    )
    present = Participant.objects.filter(user=user).select_related("room").order_by("id")
    return {
        "rooms": [
            {
                "project": r.project.title,
                "title": r.title,
                "created_by_me": r.created_by_id == user.pk,
                "created_at": iso(r.created_at),
                "opened_by_me": r.opened_by_id == user.pk,
                "opened_at": iso(r.opened_at),
            }
            for r in rooms
        ],
        # Live presence: a row exists only while the person is in a meeting.
        "present_in": [{"room": p.room.title, "joined_at": iso(p.joined_at)} for p in present],
    }
