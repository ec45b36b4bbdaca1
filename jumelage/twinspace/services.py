"""Moderation shared by every TwinSpace content type: one transaction each, audited."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from jumelage.audit.services import record
from jumelage.projects import policies as project_policies

from .models import Report, Visibility


def initial_visibility(user, project) -> str:
    """Pupils' contributions wait for a teacher when the admins chose so."""
    if project.pupils_need_approval and not project_policies.is_project_teacher(user, project):
        return Visibility.PENDING
    return Visibility.PUBLISHED


@transaction.atomic
def set_visibility(actor, project, content, visibility: str, note: str = "") -> None:
    """Hide, restore or approve a piece of content (the caller checked can_moderate)."""
    previous = content.visibility
    content.visibility = visibility
    content.moderated_by = actor
    content.moderated_at = timezone.now()
    content.save(update_fields=["visibility", "moderated_by", "moderated_at"])
    record(
        actor,
        f"moderation.{visibility}",
        content,
        project=project,
        note=note,
        previous=previous,
        content_type=content._meta.label,
    )


@transaction.atomic
def report(reporter, project, content, reason: str = "") -> Report:
    entry = Report.objects.create(
        project=project,
        reporter=reporter,
        target_type=ContentType.objects.get_for_model(content),
        target_id=content.pk,
        reason=reason,
    )
    record(reporter, "moderation.report", content, project=project, note=reason)
    return entry
