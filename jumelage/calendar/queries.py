"""Read shapes of the calendar (the selector pattern of projects/queries.py)."""

from jumelage.projects.access import VISIBLE_TO_MEMBERS

from .models import Event


def readable_events(user):
    """The events of every project whose space the user may see (for personal views and feeds)."""
    if not (user.is_authenticated and user.is_active):
        return Event.objects.none()
    return readable_events_of(user.pk)


def readable_events_of(user_id: int):
    """readable_events() of an active user, by id."""
    return Event.objects.filter(
        project__memberships__user_id=user_id,
        project__status__in=VISIBLE_TO_MEMBERS,
    )
