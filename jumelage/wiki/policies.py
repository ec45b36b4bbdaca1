"""Who may read and write the project's pages. Built on projects.policies."""

from jumelage.projects import policies as project_policies
from jumelage.projects.models import Membership
from jumelage.twinspace import policies as space_policies


def can_view_pages(user, project) -> bool:
    return project_policies.can_view_space(user, project)


def can_view_page(user, page) -> bool:
    """Members see published pages; pending or hidden ones: teachers and the author only."""
    return space_policies.can_see_content(user, page.project, page)


def sees_unpublished(user, project) -> bool:
    """Teachers see every page, whatever its visibility."""
    return project_policies.is_project_teacher(user, project)


def can_edit_pages(user, project) -> bool:
    """Teachers write pages; pupils too when the admins allow it; never in a closed project."""
    if not project_policies.can_contribute(user, project):
        return False
    m = project_policies.membership(user, project)
    if m.is_teacher:
        return True
    return m.role == Membership.Role.PUPIL and project.pupils_may_edit_pages


def can_edit_page(user, page) -> bool:
    return can_edit_pages(user, page.project) and can_view_page(user, page)


def can_delete_page(user, page) -> bool:
    """Deleting a page (and its history) is for the project's teachers."""
    return project_policies.can_contribute(
        user, page.project
    ) and project_policies.is_project_teacher(user, page.project)
