"""Chat rooms, their breakout members and messages, in a project archive.

Messages keep their order (list order, renumbered on import: `seq` is the
receiving instance's resume cursor, not content). Mutes are left out: they are
a moderation measure of the moment.
"""

from .models import Message, Room, RoomMember


def export(ctx) -> list[dict]:
    rooms = list(Room.objects.filter(project=ctx.project).order_by("id"))
    members: dict[int, list] = {}
    for member in RoomMember.objects.filter(room__in=rooms).order_by("id"):
        members.setdefault(member.room_id, []).append(ctx.person(member.user_id))
    messages: dict[int, list] = {}
    for message in Message.objects.filter(room__in=rooms).order_by("id"):
        messages.setdefault(message.room_id, []).append(
            {
                "author": ctx.person(message.author_id),
                "body": message.body,
                "client_id": message.client_id,
                "created_at": ctx.iso(message.created_at),
                "deleted_at": ctx.iso(message.deleted_at),
                "deleted_by": ctx.person(message.deleted_by_id),
                **ctx.moderation(message),
            }
        )
    return [
        {
            "kind": room.kind,
            "name": room.name,
            "pupils_need_approval": room.pupils_need_approval,
            "created_by": ctx.person(room.created_by_id),
            "created_at": ctx.iso(room.created_at),
            "closed_at": ctx.iso(room.closed_at),
            "members": members.get(room.pk, []),
            "messages": messages.get(room.pk, []),
        }
        for room in rooms
    ]


def import_(ctx, data: list[dict]) -> None:
    for entry in data:
        room = Room.objects.create(
            project=ctx.project,
            kind=entry["kind"],
            name=entry["name"],
            pupils_need_approval=entry["pupils_need_approval"],
            created_by=ctx.user(entry["created_by"]),
            closed_at=ctx.when(entry["closed_at"]),
        )
        ctx.keep_times(room, created_at=entry["created_at"])
        for ref in entry["members"]:
            RoomMember.objects.create(room=room, user=ctx.user(ref))
        for item in entry["messages"]:
            message = Message(
                room=room,
                author=ctx.user(item["author"]),
                body=item["body"],
                client_id=item["client_id"],
                deleted_at=ctx.when(item["deleted_at"]),
                deleted_by=ctx.user(item["deleted_by"]),
                **ctx.moderation(item),
            )
            message.save()
            ctx.keep_times(message, created_at=item["created_at"])


def register(registry) -> None:
    registry.register_part(
        "chat",
        export=export,
        import_=import_,
        order=60,
        models=["chat.Room", "chat.RoomMember", "chat.Message"],
    )
