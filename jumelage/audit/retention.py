"""The audit log is kept RETENTION_AUDIT_DAYS days (0: forever); each daily retention run
leaves one summary entry here (docs/retention.md)."""

from datetime import datetime, timedelta

from django.conf import settings

from jumelage.retention.registry import register_rule
from jumelage.retention.services import register_report

from .models import AuditEntry
from .services import record

SUMMARY = "retention.enforced"


@register_rule("audit.entries", order=90)
def delete_old_entries(now: datetime) -> int:
    """Last, so that entries written by the other rules today are never at stake."""
    days = settings.RETENTION_AUDIT_DAYS
    if not days:
        return 0
    deleted, _ = AuditEntry.objects.filter(created_at__lt=now - timedelta(days=days)).delete()
    return deleted


@register_report
def record_summary(run) -> None:
    """One entry per daily run: what each rule touched, and which failed."""
    record(None, SUMMARY, counts=run.counts, failed=run.failed, at=run.now.isoformat())
