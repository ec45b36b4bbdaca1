"""A person's notifications and notification preferences, in their data export."""

from jumelage.core.exports import iso, register_export

from .models import Notification, Preference


@register_export("notifications", order=70, models=[Notification, Preference])
def notifications(user) -> dict:
    return {
        "notifications": [
            {
                "kind": n.kind,
                "title": n.title,
                "url": n.url,
                "created_at": iso(n.created_at),
                "read_at": iso(n.read_at),
            }
            for n in Notification.objects.filter(user=user).order_by("created_at", "id")
        ],
        "preferences": [
            {"kind": p.kind, "in_app": p.in_app, "email": p.email, "digest": p.digest}
            for p in Preference.objects.filter(user=user).order_by("kind")
        ],
    }
