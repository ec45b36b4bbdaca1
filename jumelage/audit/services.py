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


def history(target, *, about_users=(), actions: tuple[str, ...] = (), limit: int = 50):
    """The latest entries on `target`, or about `about_users` with one of `actions`, for
    staff review pages: who decided what, and when. One query."""
    from django.db.models import Q

    on_target = Q(target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk))
    about = Q(subject_user__in=list(about_users), action__in=actions) if about_users else Q()
    return list(
        AuditEntry.objects.filter(on_target | about if about_users else on_target)
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )
