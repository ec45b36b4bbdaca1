"""The support network: who acts for a country or a region."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SupportRole(models.Model):
    """A person of the support network, scoped to a country and optionally a region.

    The national support office verifies registrations and approves projects for
    its country; regional (académie) and departmental correspondents and
    ambassadors help teachers of their region.
    """

    class Role(models.TextChoices):
        NATIONAL_OFFICE = "national", _("National support office")
        REGIONAL_CORRESPONDENT = "regional", _("Regional correspondent")
        DEPARTMENTAL_CORRESPONDENT = "departmental", _("Departmental correspondent")
        AMBASSADOR = "ambassador", _("Ambassador")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, verbose_name=_("country")
    )
    region = models.ForeignKey(
        "reference.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("region"),
    )
    department = models.ForeignKey(
        "reference.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("département"),
    )
    can_verify = models.BooleanField(
        _("verifies registrations and approves projects"), default=False
    )
    public_email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    listed = models.BooleanField(_("shown in the support directory"), default=True)

    class Meta:
        verbose_name = _("support role")
        verbose_name_plural = _("support roles")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.country_id})"
