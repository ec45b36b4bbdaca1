"""The daily task runs every registered rule (other apps' too), each on its own, and leaves
one audit entry with the counts; `enforce_retention --dry-run` shows and changes nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from jumelage import testing
from jumelage.audit.models import AuditEntry
from jumelage.audit.retention import SUMMARY
from jumelage.audit.services import record
from jumelage.notifications.models import Notification
from jumelage.retention import registry
from jumelage.retention.services import RetentionFailed, run
from jumelage.retention.tasks import enforce

from .helpers import T0, at

pytestmark = pytest.mark.django_db
OURS = {
    "accounts.expired_sessions",
    "accounts.inactive",
    "accounts.login_ips",
    "audit.entries",
    "chat.messages",
    "notifications.old",
}


@pytest.fixture
def extra_rule():
    """A rule as another app would register it, removed afterwards."""
    calls = []

    @registry.register_rule("testing.extra", order=10)
    def extra(now):
        calls.append(now)
        return 7

    yield calls
    registry.RULES.pop("testing.extra", None)


@pytest.fixture
def old_rows(settings):
    settings.RETENTION_AUDIT_DAYS = 365
    settings.RETENTION_NOTIFICATIONS_DAYS = 365
    user = testing.make_teacher()
    with at(T0):
        record(None, "project.edited", note="old")
        Notification.objects.create(user=user, kind=Notification.Kind.ACTIVITY, title="old")
    return T0 + 400 * timedelta(days=1)


def test_the_daily_task_runs_every_rule_and_records_a_summary(extra_rule, old_rows):
    with at(old_rows):
        counts = enforce()
    registry.discover()
    assert set(counts) == set(registry.RULES) and set(counts) >= OURS
    assert extra_rule == [old_rows]
    assert counts["testing.extra"] == 7
    assert counts["audit.entries"] == 1
    assert counts["notifications.old"] == 1
    (summary,) = AuditEntry.objects.filter(action=SUMMARY)
    assert summary.data["counts"] == counts
    assert summary.data["failed"] == []
    assert not AuditEntry.objects.filter(note="old").exists()


def test_a_failing_rule_does_not_stop_the_others(old_rows):
    @registry.register_rule("testing.broken", order=1)
    def broken(now):
        raise RuntimeError("boom")

    try:
        with pytest.raises(RetentionFailed, match="testing.broken"):
            run(old_rows)
    finally:
        registry.RULES.pop("testing.broken")
    assert not Notification.objects.exists()  # the other rules ran
    (summary,) = AuditEntry.objects.filter(action=SUMMARY)
    assert summary.data["failed"] == ["testing.broken"]


def test_dry_run_shows_what_would_go_and_changes_nothing(old_rows):
    out = StringIO()
    with at(old_rows):
        call_command("enforce_retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "audit.entries: would touch 1" in text
    assert "notifications.old: would touch 1" in text
    assert "nothing was changed" in text
    assert AuditEntry.objects.filter(note="old").exists()
    assert Notification.objects.exists()
    assert not AuditEntry.objects.filter(action=SUMMARY).exists()

    out = StringIO()
    with at(old_rows):
        call_command("enforce_retention", stdout=out)
    assert "audit.entries: touched 1" in out.getvalue()
    assert not AuditEntry.objects.filter(note="old").exists()
    assert not Notification.objects.exists()
    assert AuditEntry.objects.filter(action=SUMMARY).count() == 1


def test_the_task_is_in_the_beat_schedule(settings):
    assert settings.CELERY_BEAT_SCHEDULE["retention.enforce"]["task"] == "retention.enforce"
