"""Login records and inactive accounts (docs/retention.md).

- `accounts.login_ips`: django-axes rows (attempts, successful and failed logins, each
  with a client IP) older than RETENTION_LOGIN_IP_DAYS go; an attempt whose cool-off
  is still running stays, since the login throttle reads it.
- `accounts.expired_sessions`: sessions past their expiry (what `clearsessions` does).
- `accounts.inactive`: teacher and staff accounts (never superusers; pupils have their
  own rule in projects) with no login for ACCOUNT_INACTIVE_WARN_DAYS are warned, then
  deactivated ACCOUNT_INACTIVE_DEACTIVATE_DAYS later, then deleted (anonymised by
  `services.delete_account`) ACCOUNT_INACTIVE_DELETE_DAYS after that; each stage once
  (retention.InactivityNotice), each with an email through the outbox. A login ends
  the schedule (retention.apps); a password reset reactivates a deactivated account.
"""

from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse

from jumelage.audit.services import record
from jumelage.mail.sending import send_templated_mail
from jumelage.retention.models import InactivityNotice
from jumelage.retention.registry import register_rule
from jumelage.retention.services import is_dry_run

from .models import User
from .services import delete_account

Stage = InactivityNotice.Stage


@register_rule("accounts.login_ips", order=20)
def delete_old_login_records(now: datetime) -> int:
    cutoff = now - timedelta(days=settings.RETENTION_LOGIN_IP_DAYS)
    total = 0
    for model in (AccessLog, AccessFailureLog):
        deleted, _ = model.objects.filter(attempt_time__lt=cutoff).delete()
        total += deleted
    attempts = AccessAttempt.objects.filter(attempt_time__lt=cutoff).exclude(
        expiration__expires_at__gt=now
    )
    total += attempts.delete()[1].get(AccessAttempt._meta.label, 0)
    return total


@register_rule("accounts.expired_sessions", order=20)
def delete_expired_sessions(now: datetime) -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return deleted


# --- Inactive accounts ----------------------------------------------------------


def _people():
    """Teachers and staff, never superusers, with the moment they were last active."""
    return User.objects.filter(
        kind__in=[User.Kind.TEACHER, User.Kind.STAFF], is_superuser=False
    ).annotate(
        active_at=Greatest(
            Coalesce("last_login", "date_joined"), Coalesce("last_seen_at", "date_joined")
        )
    )


def _notice(stage):
    return InactivityNotice.objects.filter(user=OuterRef("pk"), stage=stage)


def _mail(user, template: str, **context) -> None:
    if user.email and user.email_confirmed_at:  # never to an address nobody proved
        send_templated_mail(
            user.email,
            f"retention/email/{template}",
            {
                "user": user,
                "login": reverse("accounts:login"),
                "reset": reverse("accounts:password_reset"),
                **context,
            },
            user.language,
        )


def _reset_returning(now: datetime) -> int:
    """Backstop for the login signal: anyone active since their warning starts afresh."""
    warned_at = InactivityNotice.objects.filter(user=OuterRef("pk"), stage=Stage.WARNED)
    back = (
        _people()
        .filter(is_active=True)
        .annotate(warned_at=Subquery(warned_at.values("sent_at")[:1]))
        .filter(active_at__gt=F("warned_at"))
    )
    deleted, _ = InactivityNotice.objects.filter(
        user__in=back.values("pk"), stage__in=[Stage.WARNED, Stage.DEACTIVATED]
    ).delete()
    return deleted


def _warn(now: datetime) -> int:
    days = settings.ACCOUNT_INACTIVE_WARN_DAYS
    due = (
        _people()
        .filter(is_active=True, active_at__lte=now - timedelta(days=days))
        .exclude(Exists(InactivityNotice.objects.filter(user=OuterRef("pk"))))
    )
    count = 0
    for user in due.iterator():
        InactivityNotice.objects.create(user=user, stage=Stage.WARNED, sent_at=now)
        deactivate_on = now + timedelta(days=settings.ACCOUNT_INACTIVE_DEACTIVATE_DAYS)
        _mail(user, "inactive_warning", deactivate_on=deactivate_on, days=days)
        record(None, "account.inactive_warned", user, subject_user=user)
        count += 1
    return count


def _deactivate(now: datetime) -> int:
    cutoff = now - timedelta(days=settings.ACCOUNT_INACTIVE_DEACTIVATE_DAYS)
    due = (
        _people()
        .filter(
            is_active=True,
            inactivity_notices__stage=Stage.WARNED,
            inactivity_notices__sent_at__lte=cutoff,
        )
        .exclude(Exists(_notice(Stage.DEACTIVATED)))
    )
    count = 0
    for user in due.iterator():
        InactivityNotice.objects.create(user=user, stage=Stage.DEACTIVATED, sent_at=now)
        User.objects.filter(pk=user.pk).update(is_active=False)
        delete_on = now + timedelta(days=settings.ACCOUNT_INACTIVE_DELETE_DAYS)
        _mail(user, "inactive_deactivated", delete_on=delete_on)
        record(None, "account.deactivated_inactive", user, subject_user=user)
        count += 1
    return count


def _delete(now: datetime) -> int:
    cutoff = now - timedelta(days=settings.ACCOUNT_INACTIVE_DELETE_DAYS)
    due = (
        _people()
        .filter(
            is_active=False,
            inactivity_notices__stage=Stage.DEACTIVATED,
            inactivity_notices__sent_at__lte=cutoff,
        )
        .exclude(Exists(_notice(Stage.DELETED)))
    )
    if is_dry_run():  # delete_account removes the photo file: no rollback for that
        return due.count()
    count = 0
    for user in list(due):
        _mail(user, "inactive_deleted")  # before the address is anonymised
        InactivityNotice.objects.create(user=user, stage=Stage.DELETED, sent_at=now)
        delete_account(user)
        count += 1
    return count


@register_rule("accounts.inactive", order=60)
def inactive_accounts(now: datetime) -> int:
    """Each stage once per account; returns how many accounts moved a stage today."""
    if not settings.ACCOUNT_INACTIVE_WARN_DAYS:
        return 0
    _reset_returning(now)
    # Latest stage first, so that one run never moves an account two stages.
    return _delete(now) + _deactivate(now) + _warn(now)


# --- Reactivation (password reset) ----------------------------------------------


def _deactivated_for_inactivity() -> Q:
    return Q(is_active=False) & Q(
        Exists(_notice(Stage.DEACTIVATED)), ~Exists(_notice(Stage.DELETED))
    )


def may_reset_password(users):
    """Active accounts, and those deactivated for inactivity (the reset reactivates them)."""
    return users.filter(Q(is_active=True) | _deactivated_for_inactivity())


def reactivate_after_reset(user) -> bool:
    """A password reset through the emailed link proves the address: the account is back."""
    if not User.objects.filter(_deactivated_for_inactivity(), pk=user.pk).exists():
        return False
    User.objects.filter(pk=user.pk).update(is_active=True)
    user.is_active = True
    InactivityNotice.objects.filter(user=user).delete()
    record(user, "account.reactivated", user, subject_user=user)
    return True
