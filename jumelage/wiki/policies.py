"""Who may read and write the project's pages: rules over the request's ProjectAccess.

Seeing a page is the platform rule (`access.can_see(page)`, `access.visible()`);
what the wiki adds is who writes: teachers, and pupils when the admins allow it.
"""


def can_see_reported_page(access, page) -> bool:
    """For twinspace.reporting: the platform rule."""
    return access.can_see(page)


def can_edit_pages(access) -> bool:
    """Teachers write pages; pupils too when the admins allow it; never in a closed project."""
    if not access.can_contribute:
        return False
    return access.is_teacher or (access.project.pupils_may_edit_pages and access.is_pupil)


def can_edit_page(access, page) -> bool:
    return can_edit_pages(access) and access.can_see(page)


def can_delete_page(access) -> bool:
    """Deleting a page (and its history) is for the project's teachers."""
    return access.can_contribute and access.is_teacher
