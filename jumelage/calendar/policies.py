"""Who may read and change a project's calendar: rules over the request's ProjectAccess.

Reading the calendar is seeing the space (`project_view()`'s default).
"""

from jumelage.projects.access import access_for


def can_manage_events(access) -> bool:
    """Teachers of an active project create, edit and delete events (closed: read-only)."""
    return access.is_teacher and access.can_contribute


def feed_is_live(feed_token, project=None) -> bool:
    """A feed serves only what its owner may still read (a former member's feed dies)."""
    user = feed_token.user
    if not user.is_active:
        return False
    if feed_token.group_id is not None:
        return False  # a group's feed: groups.policies.group_feed_is_live decides
    if feed_token.project_id is None:
        return project is None
    return (
        project is not None
        and feed_token.project_id == project.pk
        and access_for(user, project).can_view_space
    )


def can_set_preferences(user) -> bool:
    return bool(user.is_authenticated and user.is_active)
