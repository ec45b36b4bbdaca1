"""Each rule deletes exactly what is older than its period, nothing newer; twice changes
nothing more; 0 keeps forever (frozen time, real database)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog, AccessLog
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

from jumelage import testing
from jumelage.accounts.retention import delete_expired_sessions, delete_old_login_records
from jumelage.audit.models import AuditEntry
from jumelage.audit.retention import delete_old_entries
from jumelage.audit.services import record
from jumelage.chat.models import Message, Room
from jumelage.chat.retention import delete_old_messages
from jumelage.notifications.models import Notification
from jumelage.notifications.retention import delete_old_notifications
from jumelage.twinspace.models import Report

from .helpers import T0, at

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)


def test_audit_entries_older_than_the_period_go_and_newer_ones_stay(settings):
    settings.RETENTION_AUDIT_DAYS = 365
    with at(T0):
        old = record(None, "project.edited", note="old")
    with at(T0 + 2 * SECOND):
        kept = record(None, "project.edited", note="kept")
    now = T0 + 365 * DAY + SECOND  # `old` is one second past the period, `kept` inside it
    assert delete_old_entries(now) == 1
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert delete_old_entries(now) == 0  # idempotent


def test_audit_zero_keeps_forever(settings):
    settings.RETENTION_AUDIT_DAYS = 0
    with at(T0):
        record(None, "project.edited")
    assert delete_old_entries(T0 + 5000 * DAY) == 0
    assert AuditEntry.objects.count() == 1


def _message(room, author, body, moment):
    with at(moment):
        return Message.objects.create(room=room, author=author, body=body, client_id=body)


def test_chat_messages_older_than_the_period_go_except_an_open_report(settings, world):
    settings.RETENTION_CHAT_DAYS = 365
    room = Room.objects.create(project=world.project, kind=Room.Kind.GENERAL)
    pupil = world.users["pupil"]
    old = _message(room, pupil, "old", T0)
    reported = _message(room, pupil, "reported", T0)
    kept = _message(room, pupil, "kept", T0 + 2 * SECOND)
    Report.objects.create(
        project=world.project,
        reporter=world.users["teacher"],
        target_type=ContentType.objects.get_for_model(Message),
        target_id=reported.pk,
    )
    now = T0 + 365 * DAY + SECOND
    assert delete_old_messages(now) == 1
    assert set(Message.objects.values_list("body", flat=True)) == {"reported", "kept"}
    assert not Message.objects.filter(pk=old.pk).exists()
    assert delete_old_messages(now) == 0
    Report.objects.update(resolved_at=now)  # dealt with: it may go now
    assert delete_old_messages(now) == 1
    assert list(Message.objects.values_list("pk", flat=True)) == [kept.pk]


def test_chat_zero_keeps_forever(settings, world):
    settings.RETENTION_CHAT_DAYS = 0
    room = Room.objects.create(project=world.project, kind=Room.Kind.GENERAL)
    _message(room, world.users["pupil"], "old", T0)
    assert delete_old_messages(T0 + 5000 * DAY) == 0
    assert Message.objects.count() == 1


def _notification(user, title, moment, read=False):
    with at(moment):
        return Notification.objects.create(
            user=user,
            kind=Notification.Kind.ACTIVITY,
            title=title,
            read_at=moment if read else None,
        )


def test_read_notifications_go_after_their_period_all_after_the_longer_one(settings):
    settings.RETENTION_NOTIFICATIONS_READ_DAYS = 90
    settings.RETENTION_NOTIFICATIONS_DAYS = 365
    user = testing.make_teacher()
    _notification(user, "read, old", T0, read=True)
    _notification(user, "read, recent", T0 + 2 * SECOND, read=True)
    _notification(user, "unread", T0)
    _notification(user, "unread, recent", T0 + 2 * SECOND)
    now = T0 + 90 * DAY + SECOND
    assert delete_old_notifications(now) == 1
    assert set(Notification.objects.values_list("title", flat=True)) == {
        "read, recent",
        "unread",
        "unread, recent",
    }
    assert delete_old_notifications(now) == 0
    later = T0 + 365 * DAY + SECOND  # unread ones wait for the longer period
    assert delete_old_notifications(later) == 2
    assert list(Notification.objects.values_list("title", flat=True)) == ["unread, recent"]


def test_notifications_zero_keeps_forever(settings):
    settings.RETENTION_NOTIFICATIONS_READ_DAYS = 0
    settings.RETENTION_NOTIFICATIONS_DAYS = 0
    user = testing.make_teacher()
    _notification(user, "read", T0, read=True)
    _notification(user, "unread", T0)
    assert delete_old_notifications(T0 + 5000 * DAY) == 0
    assert Notification.objects.count() == 2


def _axes_row(model, moment, ip, **fields):
    with at(moment):
        return model.objects.create(
            ip_address=ip,
            username="teacher@example.org",
            user_agent="test",
            http_accept="*/*",
            path_info="/accounts/login/",
            **fields,
        )


def test_login_records_with_an_ip_go_after_the_period(settings):
    settings.RETENTION_LOGIN_IP_DAYS = 180
    for model in (AccessLog, AccessFailureLog):
        _axes_row(model, T0, "192.0.2.1")
        _axes_row(model, T0 + 2 * SECOND, "192.0.2.2")
    attempt = {"get_data": "", "post_data": "", "failures_since_start": 3}
    _axes_row(AccessAttempt, T0, "192.0.2.1", **attempt)
    _axes_row(AccessAttempt, T0 + 2 * SECOND, "192.0.2.2", **attempt)
    now = T0 + 180 * DAY + SECOND
    assert delete_old_login_records(now) == 3
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert list(model.objects.values_list("ip_address", flat=True)) == ["192.0.2.2"]
    assert delete_old_login_records(now) == 0


def test_an_attempt_in_its_cool_off_stays_for_the_throttle(settings):
    settings.RETENTION_LOGIN_IP_DAYS = 1
    attempt = _axes_row(
        AccessAttempt, T0, "192.0.2.9", get_data="", post_data="", failures_since_start=9
    )
    now = T0 + 2 * DAY
    AccessAttemptExpiration.objects.create(access_attempt=attempt, expires_at=now + SECOND)
    assert delete_old_login_records(now) == 0
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
    assert delete_old_login_records(now + 2 * SECOND) == 1  # its pause is over
    assert not AccessAttempt.objects.exists()


def test_expired_sessions_go_and_live_ones_stay():
    with at(T0):
        dead = SessionStore()
        dead.set_expiry(60)
        dead["x"] = 1
        dead.create()
        live = SessionStore()
        live.set_expiry(3600)
        live["x"] = 1
        live.create()
    assert delete_expired_sessions(T0 + 120 * SECOND) == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert delete_expired_sessions(T0 + 120 * SECOND) == 0
