"""In-app notifications (the badge and the list) and per-kind choices (the outbox lives in mail)."""

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
    # Set when the notification went out in a daily digest (never twice).
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


# Kinds important enough to be emailed unless the user says otherwise (when the
# caller provides an email template); everyday project activity stays in the site.
EMAILED_BY_DEFAULT = {
    Notification.Kind.INVITATION,
    Notification.Kind.APPROVAL,
    Notification.Kind.MENTION,
    Notification.Kind.HELP,
    Notification.Kind.MESSAGE,
    Notification.Kind.TRAINING,
}


class Preference(models.Model):
    """What a user wants for one kind of notification; no row means the defaults."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=Notification.Kind.choices)
    in_app = models.BooleanField(_("in the site"), default=True)
    email = models.BooleanField(_("by email at once"), default=False)
    digest = models.BooleanField(_("in the daily digest"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} / {self.kind}"

    @classmethod
    def default_for(cls, user, kind: str) -> "Preference":
        return cls(user=user, kind=kind, in_app=True, email=kind in EMAILED_BY_DEFAULT)
