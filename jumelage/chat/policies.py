"""Who may do what in the chat: built on projects.policies; views and the WebSocket share it."""

from jumelage.projects import policies as project_policies
from jumelage.projects.models import Project, Visibility
from jumelage.twinspace import policies as space_policies

from .models import Message, Mute, Room, RoomMember


def can_use_chat(user, project) -> bool:
    return project_policies.can_view_space(user, project)


def can_view_room(user, room: Room) -> bool:
    """General: every member; teachers-only: teachers; breakout: teachers and invited members."""
    if not project_policies.can_view_space(user, room.project):
        return False
    if room.kind == Room.Kind.GENERAL:
        return True
    if project_policies.is_project_teacher(user, room.project):
        return True
    if room.kind == Room.Kind.BREAKOUT:
        return RoomMember.objects.filter(room=room, user=user).exists()
    return False


def is_muted(user, room: Room) -> bool:
    return Mute.objects.filter(room=room, user=user).exists()


def can_post(user, room: Room) -> bool:
    return bool(
        room.is_open
        and can_view_room(user, room)
        and project_policies.can_contribute(user, room.project)
        and not is_muted(user, room)
    )


def can_moderate_room(user, room: Room) -> bool:
    """Teachers of an active project delete, approve, mute and close."""
    return project_policies.can_moderate(user, room.project) and can_view_room(user, room)


def can_create_room(user, project: Project) -> bool:
    return project_policies.can_moderate(user, project)


def can_see_message(user, message: Message, moderator: bool) -> bool:
    if message.deleted_at is not None:
        return False
    if message.visibility == Visibility.PUBLISHED:
        return True
    if message.visibility == Visibility.PENDING:
        return moderator or message.author_id == user.pk
    return False


def can_report(user, message: Message) -> bool:
    """Any member who sees a message may report it (not their own)."""
    return bool(
        message.author_id != user.pk
        and can_view_room(user, message.room)
        and can_see_message(user, message, moderator=False)
    )


def needs_approval(user, room: Room) -> bool:
    """Pupils wait for approval when the project or this room says so."""
    return space_policies.needs_approval(user, room.project, also=room.pupils_need_approval)
