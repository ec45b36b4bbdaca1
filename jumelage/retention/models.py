"""Where each inactive account stands in its warn → deactivate → delete schedule."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InactivityNotice(models.Model):
    """One stage reached by one account; a login (or a reactivation) removes the user's rows.

    Kept here rather than on the user so that accounts needs no migration, and so
    that "each notice once" is a database constraint (user, stage).
    """

    class Stage(models.TextChoices):
        WARNED = "warned", _("warned")
        DEACTIVATED = "deactivated", _("deactivated")
        DELETED = "deleted", _("deleted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inactivity_notices"
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        ordering = ["user", "sent_at"]
        verbose_name = _("inactivity notice")
        verbose_name_plural = _("inactivity notices")
        constraints = [
            models.UniqueConstraint(fields=["user", "stage"], name="inactivity_notice_once"),
            models.CheckConstraint(
                condition=models.Q(stage__in=["warned", "deactivated", "deleted"]),
                name="inactivity_notice_stage_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.stage} {self.sent_at:%Y-%m-%d}"
