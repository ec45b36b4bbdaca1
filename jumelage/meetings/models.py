"""Video meetings between classes: rooms in a TwinSpace, and scheduled meetings."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A full mesh: every participant sends to every other. Six is one class per school
# in the usual case; beyond it, browsers and school networks struggle.
MAX_PARTICIPANTS = 6


class Capacity(models.IntegerChoices):
    """How many take part: up to 6 stay on the mesh, more go through the SFU (sfu.py)."""

    CLASSES = 6, _("One device per class (up to 6)")
    PUPILS = 25, _("Pupils on their own devices (up to 25)")


class MeetingRoom(models.Model):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="meeting_rooms"
    )
    title = models.CharField(_("title"), max_length=200)
    external_url = models.URLField(
        _("external meeting link"),
        blank=True,
        help_text=_(
            "For a big live event: the meeting takes place on this link instead of the built-in room."
        ),
    )
    capacity = models.PositiveSmallIntegerField(
        _("participants"), choices=Capacity.choices, default=Capacity.CLASSES
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("meeting room")
        verbose_name_plural = _("meeting rooms")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None


class Participant(models.Model):
    """Who is in a room right now: one row per open connection, across server processes.

    A seat lives as long as its connection: the connection's heartbeat renews
    last_seen, its disconnect deletes the row, and a row not renewed for
    MEETING_SEAT_TTL seconds (process killed) is swept by the next join.
    """

    room = models.ForeignKey(MeetingRoom, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["joined_at", "id"]

    def __str__(self) -> str:
        return f"{self.user} in {self.room}"


class ScheduledMeeting(models.Model):
    """A meeting is a calendar event linked to a room (or to an external link)."""

    event = models.OneToOneField("calendar.Event", on_delete=models.CASCADE, related_name="meeting")
    room = models.ForeignKey(
        MeetingRoom, null=True, blank=True, on_delete=models.SET_NULL, related_name="scheduled"
    )

    class Meta:
        verbose_name = _("scheduled meeting")
        verbose_name_plural = _("scheduled meetings")

    def __str__(self) -> str:
        return str(self.event)
