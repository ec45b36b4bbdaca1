"""Corrections of the UI's translations made in the browser, without a release."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Correction(models.Model):
    """One msgid's corrected translation in one language; wins over the catalogue."""

    language = models.CharField(_("language"), max_length=8)
    context = models.CharField(_("context"), max_length=200, blank=True)
    msgid = models.TextField(_("English text"))
    text = models.TextField(_("translation"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["language", "msgid"]
        verbose_name = _("translation correction")
        verbose_name_plural = _("translation corrections")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "context", "msgid"], name="one_correction_per_message"
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="correction_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.msgid[:40]}"
