"""The dashboard panel: a teacher's coming events (places and waiting lists)."""

from django.utils import timezone

from jumelage.accounts.models import User

from .models import Registration


def coming_events(request):
    if request.user.kind != User.Kind.TEACHER:
        return None
    registrations = (
        Registration.objects.filter(user=request.user, event__ends_at__gte=timezone.now())
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")[:5]
    )
    return {"registrations": list(registrations)}
