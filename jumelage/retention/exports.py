"""The inactivity notices sent to a person, in their data export (see core.exports)."""

from jumelage.core.exports import iso, register_export

from .models import InactivityNotice


@register_export("inactivity_notices", order=74, models=[InactivityNotice])
def inactivity_notices(user) -> list[dict]:
    return [
        {"stage": n.stage, "sent_at": iso(n.sent_at)}
        for n in InactivityNotice.objects.filter(user=user).order_by("sent_at", "id")
    ]
