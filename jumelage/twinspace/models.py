"""What every TwinSpace content type shares: moderation and reports."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from jumelage.projects.models import Visibility


class ModeratedContent(models.Model):
    """Mixed into forum posts, blog posts, comments, chat messages...

    A pupil's contribution starts PENDING when the project's admins chose so;
    teachers hide and restore; the audit trail records each decision
    (see twinspace.services).
    """

    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLISHED
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    # How to reach the project from the content, for the moderation views
    # (e.g. "topic__project" for a forum reply). The model also needs get_absolute_url().
    moderation_project_path = "project"

    class Meta:
        abstract = True


class Report(models.Model):
    """A member reports a piece of content to the space's moderators: a project's
    teachers, or a group's moderators (exactly one of `project` and `group` is set,
    as for forum topics)."""

    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(fields=["project", "resolved_at"]),
            models.Index(fields=["group", "resolved_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(project__isnull=False, group__isnull=True)
                | models.Q(project__isnull=True, group__isnull=False),
                name="report_one_space",
            )
        ]

    def __str__(self) -> str:
        return f"Report on {self.target_type} #{self.target_id}"


class BulletinNote(models.Model):
    """The teachers' bulletin: short notes only the project's teachers see (plain text)."""

    MAX_LENGTH = 1000

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="bulletin_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("note"), max_length=MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bulletin note")
        verbose_name_plural = _("bulletin notes")
        indexes = [models.Index(fields=["project", "-created_at"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="bulletin_note_not_empty")
        ]

    def __str__(self) -> str:
        return self.body[:50]
