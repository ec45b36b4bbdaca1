"""Schools and which teachers belong to them."""

from datetime import time

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def normalise_identifier(value: str) -> str:
    """Identifiers match ignoring case and spaces: '0750 654d' is '0750654D'."""
    return "".join((value or "").split()).upper()


class School(models.Model):
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

    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, verbose_name=_("country")
    )
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
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.TextField(blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
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
        indexes = [models.Index(fields=["country", "status"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.town})"

    def save(self, *args, **kwargs):
        self.national_id_key = normalise_identifier(self.national_id)
        super().save(*args, **kwargs)

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
