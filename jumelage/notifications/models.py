"""In-app notifications (the badge and the list)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitations")
        APPROVAL = "approval", _("Approvals and verification")
        MENTION = "mention", _("Mentions")
        HELP = "help", _("Help requests")
        MESSAGE = "message", _("Private messages")
        ACTIVITY = "activity", _("Project activity")
        TRAINING = "training", _("Training events")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title
