"""Schools and which teachers belong to them."""

import secrets
from datetime import time

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from jumelage.reference.identifiers import normalise_identifier
from jumelage.reference.models import Located


class School(Located):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    class Level(models.TextChoices):
        PRESCHOOL = "preschool", _("Pre-school")
        PRIMARY = "primary", _("Primary school")
        LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
        UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
        VOCATIONAL = "vocational", _("Vocational school")
        OTHER = "other", _("Other")

    name = models.CharField(_("school name"), max_length=200)
    level = models.CharField(_("type / level"), max_length=20, choices=Level.choices)
    national_id = models.CharField(_("national identifier"), max_length=40)
    national_id_key = models.CharField(max_length=40, editable=False)
    address = models.CharField(_("street address"), max_length=255)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    town = models.CharField(_("town"), max_length=120)
    phone = models.CharField(_("phone"), max_length=32)
    email = models.EmailField(_("school email"))
    head_name = models.CharField(_("head teacher's name"), max_length=150)
    head_email = models.EmailField(_("head teacher's email"))
    head_confirmed_at = models.DateTimeField(_("head confirmed at"), null=True, blank=True)
    # Part of every head link: renewed with the head's address, so earlier links die.
    head_token_nonce = models.CharField(
        max_length=32, blank=True, default="", db_default="", editable=False
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.TextField(blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    # How many of its teachers await verification: the office queue lists the school
    # while it is not 0. Counted afresh by services.count_awaiting on every change of a
    # teacher's status or of a membership (apps.ready), so the queue reads a column of
    # the country's schools instead of matching every awaiting teacher of Europe against
    # 1.2 M memberships (docs/benchmarks.md, stop 31).
    awaiting_teachers = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    # The school day, for finding meeting times across schools.
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    day_start = models.TimeField(_("school day starts"), default=time(8, 30))
    day_end = models.TimeField(_("school day ends"), default=time(16, 30))
    school_days = models.CharField(
        _("school days"),
        max_length=13,
        default="0,1,2,3,4",
        help_text=_("Week days with lessons, 0 = Monday."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="SchoolMembership", related_name="schools"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "national_id_key"], name="school_identifier_unique_per_country"
            ),
            models.CheckConstraint(
                condition=models.Q(day_start__lt=models.F("day_end")), name="school_day_order"
            ),
        ]
        indexes = [
            models.Index(fields=["country", "status"]),
            # The office queue, oldest first: its page reads a few entries in order, its
            # count the country's entries alone (status and count included: no row read).
            models.Index(
                fields=["country", "created_at", "id"],
                include=["status", "awaiting_teachers"],
                name="school_queue",
            ),
            # Possible duplicates: the schools of a page's towns, not the whole country.
            models.Index(models.F("country"), Lower("town"), name="school_town"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.town})"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_head_email = instance.__dict__.get("head_email")
        return instance

    def save(self, *args, **kwargs):
        """A new head address voids the earlier confirmation and every link sent before."""
        self.national_id_key = normalise_identifier(self.national_id)
        stored = getattr(self, "_stored_head_email", None)
        if self.pk and stored is not None and stored.lower() != (self.head_email or "").lower():
            self.head_confirmed_at = None
            self.head_token_nonce = secrets.token_hex(8)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {
                    *kwargs["update_fields"],
                    "head_confirmed_at",
                    "head_token_nonce",
                }
        super().save(*args, **kwargs)
        self._stored_head_email = self.head_email

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class SchoolMembership(models.Model):
    """A teacher works at a school (a pupil account belongs to its teacher's school too)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "user"], name="school_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.school}"


class VerificationCall(models.Model):
    """The support office's phone call to a school's head, kept for the decision."""

    class Outcome(models.TextChoices):
        CONFIRMED = "confirmed", _("Reached: the school confirms")
        DOUBTS = "doubts", _("Reached: doubts remain")
        NO_ANSWER = "no_answer", _("No answer")
        WRONG_NUMBER = "wrong_number", _("Wrong number")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="calls")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    called_at = models.DateTimeField(_("called at"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-called_at", "-id"]
        verbose_name = _("verification call")
        verbose_name_plural = _("verification calls")

    def __str__(self) -> str:
        return f"{self.school} {self.called_at:%Y-%m-%d %H:%M} {self.outcome}"


class JoinRequest(models.Model):
    """A teacher asks to join a registered school: no right until someone vouches for them.

    The head (by the emailed link), a verified teacher of the verified school, or the
    country's support office approves; only then does a SchoolMembership exist.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    class Via(models.TextChoices):
        HEAD = "head", _("the head teacher")
        TEACHER = "teacher", _("a teacher of the school")
        STAFF = "staff", _("the support office")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_join_requests"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_via = models.CharField(max_length=10, choices=Via.choices, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("request to join a school")
        verbose_name_plural = _("requests to join a school")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request",
            )
        ]
        indexes = [models.Index(fields=["school", "status"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.school} ({self.status})"


class SchoolHoliday(models.Model):
    """A school holiday period of a country, or of one of its regions (France's zones go by
    académie). Public holidays come from the `holidays` package; school holidays change
    every year and by region, so operators enter them as reference data."""

    country = models.ForeignKey(
        "reference.Country",
        on_delete=models.PROTECT,
        related_name="school_holidays",
        verbose_name=_("country"),
    )
    region = models.ForeignKey(
        "reference.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="school_holidays",
        verbose_name=_("region"),
        help_text=_("Leave empty when the holidays are the same in the whole country."),
    )
    name = models.CharField(_("name"), max_length=120)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("school holidays")
        verbose_name_plural = _("school holidays")
        ordering = ["country", "first_day"]
        indexes = [models.Index(fields=["country", "last_day"], name="school_holiday_country_end")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="school_holiday_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.first_day}–{self.last_day})"

    def applies_to(self, school) -> bool:
        return self.country_id == school.country_id and self.region_id in (None, school.region_id)
