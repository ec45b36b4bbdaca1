"""The support network: who acts for a country or a region."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jumelage.reference.models import Located


class SupportRole(Located):
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


class HelpRequest(Located):
    """A teacher's question to the support network of their region.

    The region and département are stored when it is asked, so that routing
    (who may see and answer it) never depends on later changes to the school.
    """

    class Topic(models.TextChoices):
        REGISTRATION = "registration", _("Registration and verification")
        PARTNER = "partner", _("Finding a partner")
        PROJECT = "project", _("Founding or running a project")
        TWINSPACE = "twinspace", _("Using the TwinSpace")
        PEDAGOGY = "pedagogy", _("Pedagogy and ideas")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", pgettext_lazy("help request", "Closed")

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_requests"
    )
    topic = models.CharField(
        pgettext_lazy("help request", "topic"), max_length=20, choices=Topic.choices
    )
    subject = models.CharField(pgettext_lazy("message", "subject"), max_length=200)
    message = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [models.Index(fields=["country", "region", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "answered", "closed"]),
                name="help_request_status_valid",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class HelpReply(models.Model):
    """One message of the thread under a help request."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_replies"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"
