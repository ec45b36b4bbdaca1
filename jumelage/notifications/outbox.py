"""The email outbox: nothing is lost when the broker or the SMTP server is down.

`enqueue` writes a row in the caller's transaction; once it commits, a Celery
task delivers it (`deliver`). With eager Celery (the embedded default and the
test suite) delivery happens at once, in-process. Each row is sent once: the
claim pending → sending is a single conditional UPDATE.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.utils import timezone

from .models import OutboxMessage

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
# A row left in "sending" longer than this belonged to a worker that died.
STUCK_AFTER = timedelta(minutes=10)


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


def claim(message_id: int) -> bool:
    """pending → sending, for one worker only."""
    return bool(
        OutboxMessage.objects.filter(
            pk=message_id,
            status=OutboxMessage.Status.PENDING,
            next_attempt_at__lte=timezone.now(),
        ).update(status=OutboxMessage.Status.SENDING, claimed_at=timezone.now())
    )


def deliver(message_id: int) -> str:
    """Send one row if it is due and nobody else is sending it; returns its new status."""
    if not claim(message_id):
        return "skipped"
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        with get_connection(fail_silently=False) as mail_connection:
            EmailMultiAlternatives(
                message.subject,
                message.body,
                message.from_email,
                message.recipients,
                connection=mail_connection,
            ).send()
    except Exception as exc:  # noqa: BLE001 - any SMTP/socket error means "try later"
        attempts = message.attempts + 1
        status = OutboxMessage.Status.PENDING
        if attempts >= MAX_ATTEMPTS:
            status = OutboxMessage.Status.FAILED
        OutboxMessage.objects.filter(pk=message_id).update(
            status=status,
            attempts=attempts,
            last_error=f"{exc.__class__.__name__}: {exc}"[:2000],
            next_attempt_at=timezone.now() + retry_delay(attempts),
            claimed_at=None,
        )
        if status == OutboxMessage.Status.PENDING and not _eager():
            schedule(message_id, countdown=retry_delay(attempts).total_seconds())
        return status
    OutboxMessage.objects.filter(pk=message_id).update(
        status=OutboxMessage.Status.SENT,
        attempts=message.attempts + 1,
        sent_at=timezone.now(),
        last_error="",
    )
    return OutboxMessage.Status.SENT


def due_ids(limit: int = 200) -> list[int]:
    """Rows whose time has come; locked rows (another sweep) are skipped on PostgreSQL."""
    now = timezone.now()
    OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENDING, claimed_at__lt=now - STUCK_AFTER
    ).update(status=OutboxMessage.Status.PENDING, claimed_at=None)
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
