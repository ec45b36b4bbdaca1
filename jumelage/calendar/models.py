"""Calendar events of a project (meetings are events linked to a meeting room).

Times are stored in UTC with the time zone the event was planned in; each viewer
reads them in their own time zone (UserCalendarSettings, else their school's).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone as django_timezone
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    # The space that owns the event: a project, or a group (exactly one, see Meta).
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=django_timezone.now)
    # Incremented on each change so calendar applications replace their copy (iCal SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(project__isnull=False, group__isnull=True)
                | models.Q(project__isnull=True, group__isnull=False),
                name="event_one_space",
            ),
        ]
        indexes = [
            models.Index(fields=["project", "starts_at"]),
            models.Index(fields=["group", "starts_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class UserCalendarSettings(models.Model):
    """A person's own time zone for reading calendars (empty: their school's)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_settings"
    )
    timezone = models.CharField(_("my time zone"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("calendar settings")
        verbose_name_plural = _("calendar settings")

    def __str__(self) -> str:
        return f"{self.user}: {self.timezone or '-'}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class FeedToken(models.Model):
    """The secret of an iCalendar feed URL: one project's events, or all of a user's projects.

    Whoever holds the URL reads the feed, so the user can regenerate or revoke it;
    it only ever shows what its owner may still see.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_tokens"
    )
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty: every project of the user (unless a group is set).",
    )
    # A group's feed (groups.Group): its events, for one of its members.
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "project"],
                condition=models.Q(project__isnull=False),
                name="one_project_feed_per_user",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(project__isnull=True, group__isnull=True),
                name="one_personal_feed_per_user",
            ),
            models.UniqueConstraint(
                fields=["user", "group"],
                condition=models.Q(group__isnull=False),
                name="one_group_feed_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(project__isnull=True) | models.Q(group__isnull=True),
                name="feed_at_most_one_space",
            ),
        ]

    def __str__(self) -> str:
        space = self.project_id or (f"group {self.group_id}" if self.group_id else "all projects")
        return f"Feed of {self.user} ({space})"
