"""Who may read and write the project's pages: rules over the request's ProjectAccess.

Seeing a page is the platform rule (`access.can_see(page)`, `access.visible()`) AND
the page's rights by role (`access.can_view_section(page)`,
`access.viewable_sections(Page)`); writing is the page's edit right. Both rights
live in projects.access, the one place that decides (docs/roles.md).
"""


def can_see_reported_page(access, page) -> bool:
    """For twinspace.reporting: the platform rule."""
    return access.can_see(page)


def can_view_page(access, page) -> bool:
    """The moderation rule and the page's view right by role (visitors included)."""
    return access.can_see(page) and access.can_view_section(page)


def can_edit_pages(access) -> bool:
    """Create pages: teachers, pupil administrators, pupils when the admins allow it."""
    if not access.can_contribute:
        return False
    if access.is_teacher or access.is_pupil_admin:
        return True
    return access.project.pupils_may_edit_pages and access.is_pupil


def can_edit_page(access, page) -> bool:
    """The page's edit right for the user's role; an archived page is edited by nobody."""
    return not page.is_archived and access.can_see(page) and access.can_edit_section(page)


def can_set_rights(access, page) -> bool:
    """Teachers set any page's rights; pupil administrators those of pages they edit."""
    if not (access.can_set_rights and access.can_see(page)):
        return False
    return access.is_teacher or can_edit_page(access, page)


def can_archive_page(access) -> bool:
    """Archiving (and bringing back) a page is the teachers' decision."""
    return access.can_contribute and access.is_teacher


def can_delete_page(access) -> bool:
    """Deleting a page (and its history) is for the project's teachers."""
    return access.can_contribute and access.is_teacher
