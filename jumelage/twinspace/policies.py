"""Rules of the TwinSpace's own pages (home, bulletin, settings, moderation, reports).

Each rule is a function of the visitor's `access` (projects.access.ProjectAccess,
resolved once per request by `project_view`): who is a teacher, an admin, who may
moderate or contribute, and the approval and visibility rules, are the access
object's own properties, not repeated here. A refusal on private content is a 404
for anyone outside the project (the decorator does it).
"""


def can_see_bulletin(access) -> bool:
    """The bulletin is the teachers' corner: pupils and guests never see it."""
    return access.can_view_space and access.is_teacher


def can_post_bulletin(access) -> bool:
    return access.project.is_active and can_see_bulletin(access)


def can_delete_bulletin_note(access, note) -> bool:
    """The author, or an admin of the project, while the project is active."""
    if not can_post_bulletin(access):
        return False
    return note.author_id == access.user_id or access.is_admin


def can_see_settings(access) -> bool:
    return access.can_view_space and access.is_admin


def can_change_settings(access) -> bool:
    """Only the project's admins choose the TwinSpace settings, and not once it is closed."""
    return access.project.is_active and can_see_settings(access)


def can_read_moderation(access) -> bool:
    """The reports and the audit trail of moderation: the project's teachers."""
    return access.can_view_space and access.is_teacher


def can_report(access) -> bool:
    """Any member may report content to the teachers while the project is active."""
    return access.project.is_active and access.can_view_space
