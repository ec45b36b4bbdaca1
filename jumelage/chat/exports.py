"""The chat messages a person wrote, their rooms and the mutes they received, in their data export."""

from jumelage.core.exports import iso, name_of, register_export

from .models import Message, Mute, Room, RoomMember


@register_export("chat", order=56, models=[Room, RoomMember, Mute, Message])
def chat(user) -> dict:
    messages = (
        Message.objects.filter(author=user)
        .select_related("room__project")
        .order_by("created_at", "id")
    )
    rooms = RoomMember.objects.filter(user=user).select_related("room__project").order_by("id")
    created = Room.objects.filter(created_by=user).select_related("project").order_by("id")
    mutes = Mute.objects.filter(user=user).select_related("room", "muted_by").order_by("id")
    return {
        "messages": [
            {
                "project": m.room.project.title,
                "room": m.room.name or m.room.kind,
                "body": m.body,
                "visibility": m.visibility,
                "created_at": iso(m.created_at),
                "deleted_at": iso(m.deleted_at),
            }
            for m in messages
        ],
        "rooms": [
            {"project": r.room.project.title, "room": r.room.name or r.room.kind} for r in rooms
        ],
        "rooms_created": [
            {
                "project": r.project.title,
                "room": r.name or r.kind,
                "created_at": iso(r.created_at),
            }
            for r in created
        ],
        "muted": [
            {
                "room": m.room.name or m.room.kind,
                "by": name_of(m.muted_by),
                "at": iso(m.created_at),
            }
            for m in mutes
        ],
    }
