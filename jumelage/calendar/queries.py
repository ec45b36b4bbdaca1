"""Read shapes of the calendar (the selector pattern of projects/queries.py)."""

from jumelage.projects.access import VISIBLE_TO_MEMBERS

from .models import Event


def readable_events(user):
    """The events of every project whose space the user may see (for personal views and feeds)."""
    if not (user.is_authenticated and user.is_active):
        return Event.objects.none()
    return Event.objects.filter(
        project__memberships__user=user,
        project__status__in=VISIBLE_TO_MEMBERS,
    )
