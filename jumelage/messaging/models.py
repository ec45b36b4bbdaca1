"""Twinmail: private message threads between teachers, and between members of a project."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jumelage.projects.models import Visibility
from jumelage.twinspace.models import ModeratedContent


class Thread(models.Model):
    subject = models.CharField(_("subject of the conversation"), max_length=200)
    # Set whenever a pupil takes part: that project's rules apply and its teachers supervise.
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class Participant(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="twinmail_threads"
    )
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="twinmail_participant_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.thread}"


class PrivateMessage(ModeratedContent):
    """A message; between pupils it may wait for a teacher (the project's approval setting).

    A held message is seen by its author and the project's teachers only; approving it
    (twinspace moderation) delivers it: the other participants are told then.
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"), max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True)

    moderation_project_path = "thread__project"

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("private message")
        verbose_name_plural = _("private messages")
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self) -> str:
        return self.body[:50]

    def get_absolute_url(self) -> str:
        """Where the project's teachers read it (supervision); only pupils' threads are moderated."""
        if self.thread.project_id is None:
            return ""
        return (
            reverse(
                "messaging:supervised_thread",
                kwargs={"project_id": self.thread.project_id, "thread_id": self.thread_id},
            )
            + f"#message-{self.pk}"
        )

    def on_moderated(self, actor, previous) -> None:
        """Approving a held message delivers it."""
        from .services import deliver

        if previous == Visibility.PENDING and self.visibility == Visibility.PUBLISHED:
            deliver(self)


class ProjectPolicy(models.Model):
    """A project's twinmail rule for pupils, chosen by its admins in the TwinSpace settings.

    Kept here rather than on Project (the projects app) as one row per project; no row
    means the default: pupils write to the project's teachers only.
    """

    project = models.OneToOneField(
        "projects.Project",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="messaging_policy",
    )
    pupils_may_message_pupils = models.BooleanField(
        _("pupils may write private messages to other pupils"), default=False
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("private messages rule")
        verbose_name_plural = _("private messages rules")

    def __str__(self) -> str:
        return f"twinmail policy of project {self.project_id}"
