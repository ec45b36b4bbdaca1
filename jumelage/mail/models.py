"""The email outbox row: what waits to be sent, and where its delivery stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An email waiting to be sent: written in the caller's transaction, sent by Celery.

    pending → sending → sent. A worker claims a row by moving it from pending to
    sending in one conditional UPDATE, so two workers never send the same row;
    failures go back to pending with a later `next_attempt_at` (exponential
    backoff); the periodic sweep re-enqueues what is due and rescues rows whose
    claim (a lease) ran out because their worker died.

    `message_id` is fixed when the row is written and sent as the Message-ID
    header on every attempt: if a worker dies after the SMTP server accepted the
    mail but before the row says "sent", the retry is the same message, which
    mail systems recognise as a duplicate (see docs/reliability.md).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("given up")

    recipients = models.JSONField()
    subject = models.CharField(max_length=998)
    body = models.TextField()
    from_email = models.CharField(max_length=254)
    message_id = models.CharField(max_length=255, unique=True, null=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # The table was created by the notifications app; the model moved here
        # (mail 0001 / notifications 0005 move the state only), so no data moves.
        db_table = "notifications_outboxmessage"
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "sending", "sent", "failed"]),
                name="outbox_status_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.recipients)} ({self.status})"
