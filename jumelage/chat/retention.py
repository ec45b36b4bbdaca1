"""Chat history is kept RETENTION_CHAT_DAYS days (0: forever); see docs/retention.md."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from jumelage.retention.registry import register_rule
from jumelage.twinspace.models import Report

from .models import Message


@register_rule("chat.messages", order=40)
def delete_old_messages(now: datetime) -> int:
    """Messages older than the period go, except those a teacher has yet to look at (open report)."""
    days = settings.RETENTION_CHAT_DAYS
    if not days:
        return 0
    reported = Report.objects.filter(
        target_type=ContentType.objects.get_for_model(Message), resolved_at__isnull=True
    ).values("target_id")
    old = Message.objects.filter(created_at__lt=now - timedelta(days=days)).exclude(pk__in=reported)
    deleted, _ = old.delete()
    return deleted
