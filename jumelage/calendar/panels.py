"""The calendar's panels: a person's next events on the dashboard, a project's on its space home."""

from django.utils import timezone

from . import queries
from .middleware import reader_zone
from .models import Event

PANEL_SIZE = 5
SPACE_PANEL_SIZE = 5


def coming_events(request):
    user = request.user
    if not user.is_authenticated:
        return None
    events = list(
        queries.readable_events(user)
        .filter(ends_at__gt=timezone.now())
        .select_related("project")[:PANEL_SIZE]
    )
    if not events:
        return None
    return {"events": events, "zone": reader_zone(request)}


def space_events(request) -> dict:
    """The space home's panel: the project's next events (one still going on counts),
    each in its own time zone, and a link to the calendar. Shown even when empty."""
    project = request.project
    events = Event.objects.filter(project=project, ends_at__gte=timezone.now())
    return {"project": project, "events": list(events[:SPACE_PANEL_SIZE])}
