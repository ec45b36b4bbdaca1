"""Partner requests: a verified teacher's project idea, looking for a partner school."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PartnerRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Partner found")
        EXPIRED = "expired", _("Expired")

    class Duration(models.TextChoices):
        WEEKS = "weeks", _("A few weeks")
        TERM = "term", _("A term")
        YEAR = "year", _("A school year")
        LONGER = "longer", _("More than a school year")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_requests"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("project idea"))
    subjects = models.ManyToManyField("reference.Subject", verbose_name=_("subjects"))
    age_bands = models.ManyToManyField("reference.AgeBand", verbose_name=_("pupils' ages"))
    languages = models.ManyToManyField("reference.Language", verbose_name=_("working languages"))
    wished_countries = models.ManyToManyField(
        "reference.Country", blank=True, verbose_name=_("partner countries wished")
    )
    duration = models.CharField(_("duration"), max_length=10, choices=Duration.choices)
    start_month = models.DateField(_("start (month)"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(_("expires on"))
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("partner request")
        verbose_name_plural = _("partner requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="partner_request_expires_after_creation",
            ),
            models.CheckConstraint(
                condition=models.Q(status="closed", closed_at__isnull=False)
                | (~models.Q(status="closed") & models.Q(closed_at__isnull=True)),
                name="partner_request_closed_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "expires_at"]),
            models.Index(fields=["author", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN and self.expires_at > timezone.now()


def open_requests(now=None):
    """Requests still looking for a partner: open and not past their expiry (at `now`)."""
    return PartnerRequest.objects.filter(
        status=PartnerRequest.Status.OPEN, expires_at__gt=now or timezone.now()
    )
