"""Who may see, open and join a project's meeting rooms."""

from jumelage.projects import policies as project_policies

from .models import MAX_PARTICIPANTS


def can_see_rooms(user, project) -> bool:
    return project_policies.can_view_space(user, project)


def can_manage_rooms(user, project) -> bool:
    """Teachers of an active project create, open and end rooms, and schedule meetings."""
    return project_policies.is_project_teacher(user, project) and project.is_active


def can_join(user, room, participant_count: int) -> tuple[bool, str]:
    """(allowed, reason code): pupils only once a teacher of the project opened the room."""
    project = room.project
    if not project_policies.can_contribute(user, project):
        return False, "forbidden"
    if room.external_url:
        return False, "external"
    if not room.is_open and not project_policies.is_project_teacher(user, project):
        return False, "not_open"
    if participant_count >= MAX_PARTICIPANTS:
        return False, "full"
    return True, ""


def can_moderate_meeting(user, room) -> bool:
    """Teachers of the project end the meeting and mute participants."""
    return project_policies.is_project_teacher(user, room.project)
