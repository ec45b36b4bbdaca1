"""Who may read and change a project's calendar. Built on projects.policies only."""

from jumelage.projects import policies as project_policies


def can_view_calendar(user, project) -> bool:
    """Members of the project read its calendar; outsiders get a 404."""
    return project_policies.can_view_space(user, project)


def can_manage_events(user, project) -> bool:
    """Teachers of an active project create, edit and delete events (closed: read-only)."""
    return project_policies.is_project_teacher(user, project) and project_policies.can_contribute(
        user, project
    )


def can_have_feed(user, project) -> bool:
    """Members get a secret feed URL for their calendar application."""
    return project_policies.can_view_space(user, project)


def feed_is_live(feed_token, project=None) -> bool:
    """A feed serves only what its owner may still read (a former member's feed dies)."""
    user = feed_token.user
    if not user.is_active:
        return False
    if feed_token.project_id is None:
        return project is None
    return (
        project is not None
        and feed_token.project_id == project.pk
        and project_policies.can_view_space(user, project)
    )


def can_set_preferences(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def readable_events(user):
    """The events of every project whose space the user may see (for personal views and feeds)."""
    from .models import Event

    if not (user.is_authenticated and user.is_active):
        return Event.objects.none()
    return Event.objects.filter(
        project__memberships__user=user,
        project__status__in=project_policies.VISIBLE_TO_MEMBERS,
    )
