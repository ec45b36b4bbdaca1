"""The email outbox: nothing is lost when the broker or the SMTP server is down.

`enqueue` writes a row in the caller's transaction; once it commits, a Celery
task delivers it (`deliver`). With eager Celery (the embedded default and the
test suite) delivery happens at once, in-process.

What is exactly-once and what is not:
- Exactly one worker sends a row at a time: the claim pending → sending is a
  single conditional UPDATE, and it is a lease of OUTBOX_LEASE_SECONDS.
- Every row gets its Message-ID when it is written, and every attempt sends
  that same Message-ID.
- SMTP has no way to ask "did you get it?". A worker killed between the
  server's "250 OK" and the row's "sent" leaves the row in sending; when the
  lease runs out the sweep sends it again. So delivery to the SMTP server is
  at least once, and any duplicate carries the same Message-ID, by which mail
  servers and clients recognise it as the same message.
"""

import logging
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import OutboxMessage

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12


def lease() -> timedelta:
    """How long a claim lasts: a row in "sending" longer than this belonged to a worker that died.

    Longer than one SMTP exchange can take (EMAIL_TIMEOUT bounds each step),
    short enough that a crash delays an email by about two minutes, not ten.
    """
    return timedelta(seconds=getattr(settings, "OUTBOX_LEASE_SECONDS", 120))


def new_message_id() -> str:
    """A globally unique Message-ID in the site's own domain."""
    from email.utils import parseaddr

    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "jumelage.localhost"
    return make_msgid("outbox", domain=domain)


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: base, 2×base, 4×base... capped at one hour."""
    base = getattr(settings, "OUTBOX_RETRY_BASE_SECONDS", 30)
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


def _eager() -> bool:
    from jumelage.celery import app

    return bool(app.conf.task_always_eager)


def enqueue(recipients: list[str], subject: str, body: str) -> OutboxMessage:
    message = OutboxMessage.objects.create(
        recipients=recipients,
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        message_id=new_message_id(),
        next_attempt_at=timezone.now(),
    )
    if _eager():
        deliver(message.pk)
    else:
        transaction.on_commit(lambda: schedule(message.pk))
    return message


def schedule(message_id: int, countdown: float | None = None) -> None:
    """Hand the row to a worker; if the broker is down, the sweep will do it later."""
    from .tasks import send_outbox_message

    try:
        send_outbox_message.apply_async((message_id,), countdown=countdown)
    except Exception:  # noqa: BLE001 - broker unreachable: the row stays pending
        log.warning("outbox: could not enqueue message %s; the sweep will", message_id)


def claim(message_id: int):
    """pending → sending, for one worker only; returns the claim's time (None if not won)."""
    now = timezone.now()
    won = OutboxMessage.objects.filter(
        pk=message_id,
        status=OutboxMessage.Status.PENDING,
        next_attempt_at__lte=now,
    ).update(status=OutboxMessage.Status.SENDING, claimed_at=now)
    return now if won else None


def deliver(message_id: int) -> str:
    """Send one row if it is due and nobody else is sending it; returns its new status."""
    claimed_at = claim(message_id)
    if claimed_at is None:
        return "skipped"
    # Finish only our own claim: if the lease ran out and another worker took the
    # row meanwhile, its outcome is the one that counts.
    mine = OutboxMessage.objects.filter(
        pk=message_id, status=OutboxMessage.Status.SENDING, claimed_at=claimed_at
    )
    message = OutboxMessage.objects.get(pk=message_id)
    if not message.message_id:  # a row written before Message-IDs were recorded
        message.message_id = new_message_id()
        message.save(update_fields=["message_id"])
    try:
        with get_connection(fail_silently=False) as mail_connection:
            EmailMultiAlternatives(
                message.subject,
                message.body,
                message.from_email,
                message.recipients,
                connection=mail_connection,
                headers={"Message-ID": message.message_id},
            ).send()
    except Exception as exc:  # noqa: BLE001 - any SMTP/socket error means "try later"
        attempts = message.attempts + 1
        status = OutboxMessage.Status.PENDING
        if attempts >= MAX_ATTEMPTS:
            status = OutboxMessage.Status.FAILED
        mine.update(
            status=status,
            attempts=attempts,
            last_error=f"{exc.__class__.__name__}: {exc}"[:2000],
            next_attempt_at=timezone.now() + retry_delay(attempts),
            claimed_at=None,
        )
        if status == OutboxMessage.Status.PENDING and not _eager():
            schedule(message_id, countdown=retry_delay(attempts).total_seconds())
        return status
    mine.update(
        status=OutboxMessage.Status.SENT,
        attempts=message.attempts + 1,
        sent_at=timezone.now(),
        last_error="",
    )
    return OutboxMessage.Status.SENT


def due_ids(limit: int = 200) -> list[int]:
    """Rows whose time has come; locked rows (another sweep) are skipped on PostgreSQL."""
    now = timezone.now()
    # A lapsed lease counts as a failed attempt (a mail that kills its worker
    # every time must not be retried forever); it goes again at once.
    lapsed = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENDING, claimed_at__lt=now - lease()
    )
    for status, rows in (
        (OutboxMessage.Status.FAILED, lapsed.filter(attempts__gte=MAX_ATTEMPTS - 1)),
        (OutboxMessage.Status.PENDING, lapsed.filter(attempts__lt=MAX_ATTEMPTS - 1)),
    ):
        rows.update(
            status=status,
            claimed_at=None,
            attempts=F("attempts") + 1,
            last_error="The worker sending it stopped (its lease ran out).",
        )
    with transaction.atomic():
        rows = OutboxMessage.objects.filter(
            status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
        ).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        return list(rows.values_list("pk", flat=True)[:limit])


def sweep() -> int:
    """Re-enqueue (or, eager, send) every due row; returns how many were handed over."""
    ids = due_ids()
    for message_id in ids:
        if _eager():
            deliver(message_id)
        else:
            schedule(message_id)
    return len(ids)
