"""The dashboard panel: a person's next events across their projects."""

from django.utils import timezone

from . import queries
from .zones import viewer_zone

PANEL_SIZE = 5


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
    return {"events": events, "zone": viewer_zone(user)}
