"""The calendar's panels: a person's next events on the dashboard, a project's on its space home."""

from datetime import datetime

from django.utils import timezone

from jumelage.core.prepared import Prepared

from . import queries
from .middleware import reader_zone
from .models import Event

PANEL_SIZE = 5
SPACE_PANEL_SIZE = 5


# The dashboard's and the space home's panels run on every view of them: prepared.
_COMING = Prepared(
    lambda user_id, now: (
        queries.readable_events_of(user_id)
        .filter(ends_at__gt=now)
        .select_related("project")[:PANEL_SIZE]
    ),
    user_id=int,
    now=datetime,
)
_SPACE_COMING = Prepared(
    lambda project_id, now: Event.objects.filter(project_id=project_id, ends_at__gte=now)[
        :SPACE_PANEL_SIZE
    ],
    project_id=int,
    now=datetime,
)


def coming_events(request):
    user = request.user
    if not (user.is_authenticated and user.is_active):
        return None
    events = _COMING.list(user_id=user.pk, now=timezone.now())
    if not events:
        return None
    return {"events": events, "zone": reader_zone(request)}


def space_events(request) -> dict:
    """The space home's panel: the project's next events (one still going on counts),
    each in its own time zone, and a link to the calendar. Shown even when empty."""
    project = request.project
    events = _SPACE_COMING.list(project_id=project.pk, now=timezone.now())
    return {"project": project, "events": events}
