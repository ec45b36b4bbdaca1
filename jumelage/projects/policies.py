"""Who may do what in a project and its TwinSpace. The only place for these rules."""

from .models import Membership, Project

VISIBLE_TO_MEMBERS = {
    Project.Status.ACTIVE,
    Project.Status.CLOSED,
    Project.Status.ARCHIVED,
}


def membership(user, project) -> Membership | None:
    """The user's membership of the project, or None for an outsider."""
    if not user.is_authenticated or not user.is_active:
        return None
    return Membership.objects.filter(project=project, user=user).first()


def can_view_space(user, project) -> bool:
    """Members see the TwinSpace of an active, closed or archived project."""
    m = membership(user, project)
    if m is None:
        return False
    if project.status in VISIBLE_TO_MEMBERS:
        return True
    # Founders and admins see their project before it is active.
    return m.role == Membership.Role.ADMIN


def can_contribute(user, project) -> bool:
    """Write in the TwinSpace: members who are not guests, while the project is active."""
    m = membership(user, project)
    return bool(m and project.is_active and m.role != Membership.Role.GUEST)


def is_project_teacher(user, project) -> bool:
    m = membership(user, project)
    return bool(m and m.is_teacher)


def is_project_admin(user, project) -> bool:
    m = membership(user, project)
    return bool(m and m.role == Membership.Role.ADMIN)


def can_moderate(user, project) -> bool:
    """Teachers of the project hide and restore content and approve pupils' posts."""
    return is_project_teacher(user, project) and project.status == Project.Status.ACTIVE
