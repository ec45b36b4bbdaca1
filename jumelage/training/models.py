"""Training events of the support network: courses, workshops and webinars."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jumelage.core.sanitising import sanitise_html
from jumelage.reference.models import Located


class TrainingEvent(Located):
    class Kind(models.TextChoices):
        COURSE = "course", _("Training course")
        WORKSHOP = "workshop", _("Workshop")
        WEBINAR = "webinar", _("Webinar")

    class Level(models.TextChoices):
        EUROPEAN = "european", _("European")
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional (académie)")
        DEPARTMENTAL = "departmental", _("Departmental")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=15, choices=Level.choices)
    country = models.ForeignKey(
        "reference.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("country"),
    )
    region = models.ForeignKey(
        "reference.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("académie or region"),
    )
    online = models.BooleanField(_("online"), default=False)
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("link to join online"), blank=True)
    # A live session on the platform's SFU (docs/meetings.md): presenters send video,
    # registered teachers watch, raise a hand, and their presence is recorded.
    live = models.BooleanField(_("live session on the platform"), default=False, db_default=False)
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    registration_deadline = models.DateTimeField(_("registration deadline"))
    capacity = models.PositiveIntegerField(_("places"))
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="organised_trainings",
        verbose_name=_("organisers"),
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        indexes = [models.Index(fields=["published", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="training_capacity_positive"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="training_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=models.F("ends_at")),
                name="training_deadline_before_end",
            ),
            models.CheckConstraint(
                condition=Q(online=True) | ~Q(place=""), name="training_online_or_in_a_place"
            ),
            models.CheckConstraint(
                condition=Q(live=False) | Q(online=True), name="training_live_online"
            ),
            models.CheckConstraint(
                condition=Q(level="european") | Q(country__isnull=False),
                name="training_country_unless_european",
            ),
            models.CheckConstraint(
                condition=~Q(level="regional") | Q(region__isnull=False),
                name="training_regional_has_region",
            ),
            models.CheckConstraint(
                condition=~Q(level="departmental") | Q(department__isnull=False),
                name="training_departmental_has_department",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Sanitised whichever way it is written (form, admin, demo data).
        self.description = sanitise_html(self.description)
        super().save(*args, **kwargs)


class Registration(models.Model):
    """A teacher's place at an event, or their turn on its waiting list."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_registrations"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # When the teacher last joined (the waiting list is served in this order).
    queued_at = models.DateTimeField()
    attended = models.BooleanField(_("present"), default=False)
    # Recorded by the live room (live.py): first join after the start, minutes present.
    live_joined_at = models.DateTimeField(null=True, blank=True)
    live_minutes = models.PositiveIntegerField(default=0, db_default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["queued_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["event", "status", "queued_at"])]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="training_one_registration"),
            models.CheckConstraint(
                condition=Q(attended=False) | Q(status="registered"),
                name="training_only_registered_attend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"


class LiveSeat(models.Model):
    """Who is in an event's live room now: one row per open connection (as meetings' seats).

    A seat lives as long as its connection (heartbeat renews last_seen, the
    disconnect deletes it; a seat not renewed for MEETING_SEAT_TTL is swept).
    """

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="live_seats")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    presenter = models.BooleanField(default=False)
    hand_raised_at = models.DateTimeField(null=True, blank=True)
    has_floor = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(presenter=False) | (Q(has_floor=False) & Q(hand_raised_at=None)),
                name="training_live_presenters_need_no_floor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.event}"
