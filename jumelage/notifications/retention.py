"""In-app notifications: read ones go after RETENTION_NOTIFICATIONS_READ_DAYS, all after
RETENTION_NOTIFICATIONS_DAYS (0: keep); see docs/retention.md."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from jumelage.retention.registry import register_rule

from .models import Notification


@register_rule("notifications.old", order=40)
def delete_old_notifications(now: datetime) -> int:
    read_days = settings.RETENTION_NOTIFICATIONS_READ_DAYS
    all_days = settings.RETENTION_NOTIFICATIONS_DAYS
    old = Q()
    if read_days:
        old |= Q(read_at__isnull=False, created_at__lt=now - timedelta(days=read_days))
    if all_days:
        old |= Q(created_at__lt=now - timedelta(days=all_days))
    if not old:
        return 0
    deleted, _ = Notification.objects.filter(old).delete()
    return deleted
