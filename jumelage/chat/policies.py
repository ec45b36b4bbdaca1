"""Who may do what in the chat, on the ProjectAccess resolved once per request or connection.

Views get it from `@project_view` (request.access), the WebSocket from the
connection (consumer.access); nothing here queries the membership again.
Message visibility is the platform rule, `access.can_see` / `access.visible()`
(teachers see everything, the author their own pending or hidden message,
everyone else published ones), plus the chat's own: a deleted message is gone.
"""

from django.db.models import Q

from jumelage.core.prepared import PreparedExists
from jumelage.projects.access import ProjectAccess, access_for

from .models import Message, Mute, Room, RoomMember


def access_of(who, project) -> ProjectAccess:
    """The access itself, or (for callers still holding a user) the user's access."""
    return who if isinstance(who, ProjectAccess) else access_for(who, project)


# --- Rooms: the object rule and its queryset form, side by side ----------------------


def can_view_room(who, room: Room, *, invited: bool | None = None) -> bool:
    """General: every member; teachers-only: teachers; breakout: teachers and invited members.

    `invited` (is the user a RoomMember?) when the caller knows it; else one query
    for a breakout room.
    """
    access = access_of(who, room.project)
    if not access.can_view_space:
        return False
    if room.kind == Room.Kind.GENERAL or access.is_teacher:
        return True
    if room.kind != Room.Kind.BREAKOUT:
        return False
    if invited is None:
        invited = RoomMember.objects.filter(room=room, user_id=access.user_id).exists()
    return invited


def visible_rooms(access: ProjectAccess) -> Q:
    """`can_view_room` as a filter on the project's rooms."""
    if not access.can_view_space:
        return Q(pk__in=[])
    if access.is_teacher:
        return Q()
    return Q(kind=Room.Kind.GENERAL) | Q(kind=Room.Kind.BREAKOUT, members__user_id=access.user_id)


def can_moderate_room(who, room: Room) -> bool:
    """Teachers of an active project delete, approve, mute and close (they see every room)."""
    return access_of(who, room.project).can_moderate


def can_create_room(access: ProjectAccess) -> bool:
    return access.can_moderate


def can_write(access: ProjectAccess, room: Room) -> bool:
    """May write in this room now, as far as the access and the room say (mutes: see is_muted)."""
    return bool(room.is_open and access.can_contribute)


_MUTED = PreparedExists(Mute, room_id=int, user_id=int)


def is_muted(user_id: int | None, room: Room) -> bool:
    """Asked on every view of a room (prepared): a visitor signed out is never muted."""
    return user_id is not None and _MUTED(room_id=room.pk, user_id=user_id)


def can_post(access: ProjectAccess, room: Room) -> bool:
    return can_write(access, room) and not is_muted(access.user_id, room)


# --- Messages ---------------------------------------------------------------------------


def can_see_message(who, message: Message) -> bool:
    """The platform rule (access.can_see), and a deleted message is seen by nobody."""
    return message.deleted_at is None and access_of(who, message.room.project).can_see(message)


def visible_messages(access: ProjectAccess) -> Q:
    """`can_see_message` as a filter on a room's messages."""
    return Q(deleted_at__isnull=True) & access.visible()


def can_report(who, message: Message) -> bool:
    """Any member who sees a message may report it (not their own)."""
    access = access_of(who, message.room.project)
    return bool(
        message.author_id != access.user_id
        and can_view_room(access, message.room)
        and can_see_message(access, message)
    )


def needs_approval(who, room: Room) -> bool:
    """Pupils wait for approval when the project or this room says so."""
    return access_of(who, room.project).needs_approval(also=room.pupils_need_approval)


def can_see_reported_message(access: ProjectAccess, message: Message) -> bool:
    """For twinspace.reporting: as in the room (the room open to them, the message not deleted)."""
    return can_view_room(access, message.room) and can_see_message(access, message)
