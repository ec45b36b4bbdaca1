"""Who may see, open and join a project's meeting rooms.

The rules read a `projects.access.ProjectAccess`: views get it from
`project_view` (`request.access`); the signalling socket, which holds a user,
goes through `can_join` / `can_moderate_meeting`, which build it once.
"""

from jumelage.projects.access import ProjectAccess, access_for

from . import sfu
from .models import MAX_PARTICIPANTS


def can_manage_rooms(access: ProjectAccess) -> bool:
    """Teachers of an active project create, open and end rooms, and schedule meetings."""
    return access.is_teacher and access.project.is_active


def join_refusal(access: ProjectAccess, room, participant_count: int) -> str:
    """Why this member may not join the room now (a reason code), or "": pupils only
    once a teacher of the project opened it."""
    if not access.can_contribute:
        return "forbidden"
    if room.external_url:
        return "external"
    if not room.is_open and not access.is_teacher:
        return "not_open"
    if participant_count >= room_limit(room):
        return "full"
    return ""


def room_limit(room) -> int:
    """The mesh holds 6; the SFU the room's capacity (the mesh's 6 when no SFU is set up)."""
    return room.capacity if sfu.uses_sfu(room) else min(room.capacity, MAX_PARTICIPANTS)


def can_join(user, room, participant_count: int) -> tuple[bool, str]:
    """(allowed, reason code), for the signalling socket (one membership query)."""
    reason = join_refusal(access_for(user, room.project), room, participant_count)
    return not reason, reason


def can_moderate_meeting(user, room) -> bool:
    """Teachers of the project end the meeting and mute participants (the socket's check)."""
    return access_for(user, room.project).is_teacher
