"""Who may read and write the project's pages. Built on projects.policies (via twinspace's)."""

from jumelage.projects import policies as project_policies
from jumelage.projects.models import Membership
from jumelage.twinspace import policies as space


def can_view_pages(user, project) -> bool:
    return space.can_view_space(user, project)


def can_view_page(user, page) -> bool:
    """Members see published pages; pending or hidden ones: teachers and the author only."""
    return space.can_see_content(user, page.project, page)


def sees_unpublished(user, project) -> bool:
    """Teachers see every page, whatever its visibility."""
    return space.is_teacher(user, project)


def _is_pupil(user, project) -> bool:
    m = project_policies.membership(user, project)
    return bool(m and m.role == Membership.Role.PUPIL)


def can_edit_pages(user, project) -> bool:
    """Teachers write pages; pupils too when the admins allow it; never in a closed project."""
    if not space.can_contribute(user, project):
        return False
    if space.is_teacher(user, project):
        return True
    return project.pupils_may_edit_pages and _is_pupil(user, project)


def can_edit_page(user, page) -> bool:
    return can_edit_pages(user, page.project) and can_view_page(user, page)


def can_delete_page(user, page) -> bool:
    """Deleting a page (and its history) is for the project's teachers."""
    return space.can_contribute(user, page.project) and space.is_teacher(user, page.project)


def can_moderate_pages(user, project) -> bool:
    return space.can_moderate(user, project)
