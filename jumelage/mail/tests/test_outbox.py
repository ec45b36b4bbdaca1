"""The email outbox: written with the caller's transaction, sent once, retried with backoff."""

import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from jumelage.mail import outbox
from jumelage.mail.models import OutboxMessage
from jumelage.mail.sending import send_templated_mail

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def use_smtp(settings, port):
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 3


class RestartableSink:
    """An aiosmtpd server on a fixed loopback port that can go down and come back."""

    def __init__(self):
        self.port = _closed_port()
        self.messages = []
        self.controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        from email import message_from_bytes

        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server():
    sink = RestartableSink()
    yield sink
    sink.stop()


def make_due():
    OutboxMessage.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


@pytest.mark.django_db
def test_a_templated_mail_goes_through_the_outbox_and_is_sent():
    send_templated_mail("a@example.org", "notifications/email/digest", {"notifications": []})
    row = OutboxMessage.objects.get()
    assert row.status == "sent" and row.sent_at and row.attempts == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["a@example.org"]


@pytest.mark.django_db
def test_a_rolled_back_transaction_leaves_no_email_behind(settings):
    """With a real broker the task is only enqueued once the caller commits."""
    from jumelage.celery import app

    app.conf.task_always_eager = False
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            send_templated_mail("a@example.org", "notifications/email/digest", {})
            raise RuntimeError
    finally:
        app.conf.task_always_eager = True
    assert not OutboxMessage.objects.exists() and not mail.outbox


@pytest.mark.django_db(transaction=True)
def test_with_smtp_down_the_mail_waits_then_is_sent_exactly_once(settings, smtp_server):
    use_smtp(settings, smtp_server.port)  # configured, but the server is down
    with transaction.atomic():
        send_templated_mail("b@example.org", "notifications/email/digest", {})
    row = OutboxMessage.objects.get()
    assert row.status == "pending" and row.attempts == 1 and row.last_error
    assert row.next_attempt_at > timezone.now()  # backoff
    assert outbox.sweep() == 0  # not due yet
    make_due()
    outbox.sweep()  # still down: second attempt, longer wait
    row.refresh_from_db()
    assert row.status == "pending" and row.attempts == 2
    assert outbox.retry_delay(2) == 2 * outbox.retry_delay(1)

    smtp_server.start()  # back up, same address
    make_due()
    assert outbox.sweep() == 1
    make_due()
    outbox.sweep()
    outbox.deliver(row.pk)
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 3
    assert [m["To"] for m in smtp_server.messages] == ["b@example.org"]


@pytest.mark.django_db
def test_a_row_stuck_in_sending_is_rescued_by_the_sweep():
    row = OutboxMessage.objects.create(
        recipients=["c@example.org"],
        subject="s",
        body="b",
        from_email="x@example.org",
        status="sending",
        claimed_at=timezone.now() - timedelta(hours=1),
        next_attempt_at=timezone.now() - timedelta(hours=1),
    )
    fresh = OutboxMessage.objects.create(
        recipients=["d@example.org"],
        subject="s",
        body="b",
        from_email="x@example.org",
        status="sending",
        claimed_at=timezone.now(),
        next_attempt_at=timezone.now(),
    )
    outbox.sweep()
    row.refresh_from_db()
    fresh.refresh_from_db()
    assert row.status == "sent" and fresh.status == "sending"
    assert [m.to for m in mail.outbox] == [["c@example.org"]]


@pytest.mark.django_db
def test_after_too_many_failures_the_row_is_given_up(settings):
    use_smtp(settings, _closed_port())
    row = OutboxMessage.objects.create(
        recipients=["e@example.org"],
        subject="s",
        body="b",
        from_email="x@example.org",
        attempts=outbox.MAX_ATTEMPTS - 1,
        next_attempt_at=timezone.now(),
    )
    assert outbox.deliver(row.pk) == "failed"
    make_due()
    assert outbox.sweep() == 0


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_one_row_send_it_once(postgres, settings, smtp_sink):
    use_smtp(settings, smtp_sink.port)
    row = OutboxMessage.objects.create(
        recipients=["f@example.org"],
        subject="s",
        body="b",
        from_email="x@example.org",
        next_attempt_at=timezone.now(),
    )
    results = []
    barrier = threading.Barrier(4)

    def worker():
        from django.db import connection

        barrier.wait()
        results.append(outbox.deliver(row.pk))
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["sent", "skipped", "skipped", "skipped"]
    assert len(smtp_sink.messages) == 1


@pytest.mark.services
def test_a_real_worker_retries_with_backoff_until_smtp_is_back(
    celery_worker_real, settings, smtp_server
):
    use_smtp(settings, smtp_server.port)
    settings.OUTBOX_RETRY_BASE_SECONDS = 1
    with transaction.atomic():
        send_templated_mail("g@example.org", "notifications/email/digest", {})
    row = OutboxMessage.objects.get()
    deadline = time.monotonic() + 20
    while OutboxMessage.objects.get(pk=row.pk).attempts < 1 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert OutboxMessage.objects.get(pk=row.pk).status in ("pending", "sending")
    smtp_server.start()
    while not smtp_server.messages and time.monotonic() < deadline + 20:
        time.sleep(0.2)
    time.sleep(3)  # any duplicate retry would have arrived by now
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts >= 2
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db
def test_a_lapsed_lease_counts_as_an_attempt_and_the_retry_keeps_the_message_id(settings):
    """An email whose sending kills its worker every time is given up, not resent for ever."""
    send_templated_mail("h@example.org", "notifications/email/digest", {})
    row = OutboxMessage.objects.get()
    first_id = mail.outbox[0].extra_headers["Message-ID"]
    assert first_id == row.message_id
    stuck = {"status": "sending", "claimed_at": timezone.now() - timedelta(hours=1)}
    OutboxMessage.objects.filter(pk=row.pk).update(**stuck)
    outbox.sweep()  # the lease ran out: sent again, same Message-ID
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 3  # first send, lapsed lease, resend
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [first_id, first_id]
    OutboxMessage.objects.filter(pk=row.pk).update(attempts=outbox.MAX_ATTEMPTS - 1, **stuck)
    outbox.sweep()
    row.refresh_from_db()
    assert row.status == "failed" and len(mail.outbox) == 2
