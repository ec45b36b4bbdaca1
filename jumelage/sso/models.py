"""Which identity at which provider is which Jumelage account."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentityLink(models.Model):
    """(issuer, subject) -> user: a provider's `sub` never changes, an email may.

    Keyed by the issuer the provider declares (not the operator's short name), so
    renaming a provider in the environment keeps every link.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity_links"
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255)
    provider = models.CharField(_("provider"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_login_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("identity link")
        verbose_name_plural = _("identity links")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_link_issuer_subject")
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject}"
