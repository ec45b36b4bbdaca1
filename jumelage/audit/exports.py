"""What was decided about a person (the audit trail), in their data export (see core.exports)."""

from jumelage.core.exports import register_export

from .models import AuditEntry


@register_export("audit_entries", order=90, models=[AuditEntry])
def audit_entries(user) -> list[dict]:
    entries = AuditEntry.objects.filter(subject_user=user).select_related("actor").order_by("id")
    return [
        {
            "when": e.created_at.isoformat(),
            "action": e.action,
            "by": "me" if e.actor_id == user.pk else ("staff" if e.actor_id else "system"),
            "note": e.note,
            "data": e.data,
        }
        for e in entries
    ]
