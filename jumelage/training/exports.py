"""A person's training registrations, attendance and certificates, in their data export.

(The attendee CSV, iCalendar and certificate PDF live in training/documents.py.)
"""

from django.urls import reverse

from jumelage.core.exports import iso, register_export

from . import policies
from .models import Registration, TrainingEvent


@register_export("training", order=66, models=[Registration, TrainingEvent])
def training(user) -> dict:
    registrations = (
        Registration.objects.filter(user=user).select_related("event").order_by("queued_at", "id")
    )
    organised = TrainingEvent.objects.filter(organisers=user).order_by("starts_at", "id")
    created = TrainingEvent.objects.filter(created_by=user).order_by("starts_at", "id")
    return {
        "registrations": [
            {
                "event": r.event.title,
                "kind": r.event.kind,
                "starts_at": iso(r.event.starts_at),
                "ends_at": iso(r.event.ends_at),
                "status": r.status,
                "registered_at": iso(r.queued_at),
                "attended": r.attended,
                "certificate": reverse("training:certificate", args=[r.event_id])
                if policies.can_get_certificate(user, r)
                else None,
            }
            for r in registrations
        ],
        "events_organised": [{"title": e.title, "starts_at": iso(e.starts_at)} for e in organised],
        "events_created": [{"title": e.title, "starts_at": iso(e.starts_at)} for e in created],
    }
