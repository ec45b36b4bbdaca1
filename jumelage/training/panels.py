"""The dashboard panel: a teacher's coming events (places and waiting lists)."""

from datetime import datetime

from django.utils import timezone

from jumelage.accounts.models import User
from jumelage.core.prepared import Prepared

from .models import Registration

# On every teacher's dashboard: prepared (core.prepared).
_COMING = Prepared(
    lambda user_id, now: (
        Registration.objects.filter(user_id=user_id, event__ends_at__gte=now)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")[:5]
    ),
    user_id=int,
    now=datetime,
)


def coming_events(request):
    if request.user.kind != User.Kind.TEACHER:
        return None
    return {"registrations": _COMING.list(user_id=request.user.pk, now=timezone.now())}
