from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def record(
    actor,
    action: str,
    target=None,
    *,
    subject_user=None,
    project=None,
    country=None,
    note: str = "",
    **data,
) -> AuditEntry:
    """Write one audit entry; call it inside the transaction of the decision it records."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        subject_user=subject_user,
        project=project,
        country=country,
        note=note,
        data=data,
    )
