"""Quality labels: the offices' recognition of good projects and schools.

The rules that change with the programme (criteria and their points, caps, delays,
application windows) are reference data in `Criterion`, `LabelRules` and `Window`,
installed by the migrations from labels/data.py and edited by staff in the admin.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jumelage.core.models import TranslatedNameMixin, localized


class Criterion(TranslatedNameMixin):
    """One criterion the national office scores a project on (reference data)."""

    MSGID_CONTEXT = "label criterion"  # shipped names and help: labels/msgids.py

    code = models.SlugField(max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    max_points = models.PositiveSmallIntegerField(_("points"))
    min_points = models.PositiveSmallIntegerField(
        _("minimum"), null=True, blank=True, help_text=_("Empty: no minimum for this criterion.")
    )
    help_en = models.CharField(max_length=300, blank=True)
    help_fr = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("label criterion")
        verbose_name_plural = _("label criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_points__isnull=True) | Q(min_points__lte=models.F("max_points")),
                name="criterion_minimum_within_points",
            )
        ]

    @property
    def help(self) -> str:
        return localized(self, "help")


class LabelRules(models.Model):
    """The operator's numbers for every label (one row, reference data)."""

    min_activity_days = models.PositiveSmallIntegerField(
        _("days of activity before a national application"), default=90
    )
    yearly_cap = models.PositiveSmallIntegerField(
        _("national applications per teacher per year"), default=4
    )
    european_share = models.PositiveSmallIntegerField(
        _("share of its labelled projects an office may nominate (%)"), default=50
    )
    school_min_years = models.PositiveSmallIntegerField(
        _("years a school has been registered"), default=2
    )
    school_min_teachers = models.PositiveSmallIntegerField(_("active teachers"), default=3)
    school_active_days = models.PositiveSmallIntegerField(
        _("a teacher is active if seen within (days)"), default=365
    )
    school_recent_years = models.PositiveSmallIntegerField(
        _("a labelled project within (years)"), default=2
    )
    school_valid_years = models.PositiveSmallIntegerField(
        _("years a School Label is valid"), default=2
    )

    class Meta:
        verbose_name = _("label rules")
        verbose_name_plural = _("label rules")

    @classmethod
    def current(cls) -> "LabelRules":
        return cls.objects.order_by("pk").first() or cls()

    def __str__(self) -> str:
        return str(_("label rules"))


class Window(models.Model):
    """An application period repeated every year, e.g. 1 October – 30 November.

    A kind of label with no window is open all year."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National Quality Label")
        SCHOOL = "school", _("School Label")

    kind = models.CharField(_("label"), max_length=10, choices=Kind.choices)
    opens_month = models.PositiveSmallIntegerField(_("opens (month)"))
    opens_day = models.PositiveSmallIntegerField(_("opens (day)"))
    closes_month = models.PositiveSmallIntegerField(_("closes (month)"))
    closes_day = models.PositiveSmallIntegerField(_("closes (day)"))

    class Meta:
        verbose_name = _("application window")
        verbose_name_plural = _("application windows")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_month__range=(1, 12), closes_month__range=(1, 12))
                & Q(opens_day__range=(1, 31), closes_day__range=(1, 31)),
                name="window_real_dates",
            )
        ]

    def contains(self, day) -> bool:
        start, end, here = (
            (self.opens_month, self.opens_day),
            (self.closes_month, self.closes_day),
            (day.month, day.day),
        )
        return start <= here <= end if start <= end else here >= start or here <= end

    def __str__(self) -> str:
        return (
            f"{self.kind} {self.opens_day}/{self.opens_month}–{self.closes_day}/{self.closes_month}"
        )


class Application(models.Model):
    """A founding teacher asks their own country's office for the National Quality Label.

    Awarded, it is the label: a project may hold one per founding country."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting the office's decision")
        AWARDED = "awarded", _("Awarded")
        REFUSED = "refused", _("Not awarded")

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="label_applications"
    )
    country = models.ForeignKey("reference.Country", on_delete=models.PROTECT, related_name="+")
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="+")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    statement = models.TextField(_("what the project achieved"), max_length=4000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comments = models.TextField(_("comments for the applicant"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("National Quality Label application")
        verbose_name_plural = _("National Quality Label applications")
        constraints = [
            # One open or awarded application per project and country; a refused one
            # may be followed by a new application.
            models.UniqueConstraint(
                fields=["project", "country"],
                condition=~Q(status="refused"),
                name="one_live_label_application_per_country",
            ),
            models.CheckConstraint(
                condition=Q(status="submitted") | Q(decided_at__isnull=False),
                name="decided_application_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} — {self.country_id} ({self.status})"

    @property
    def total(self) -> int:
        return sum(score.points for score in self.scores.all())


class Score(models.Model):
    """The office's points for one criterion of an application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points}"


class Nomination(models.Model):
    """An office puts a project holding national labels in 2+ of its countries forward
    for the European Quality Label."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="label_nominations"
    )
    country = models.ForeignKey("reference.Country", on_delete=models.PROTECT, related_name="+")
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    nominated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-nominated_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "country"], name="one_nomination_per_office")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} — {self.country_id}"


class EuropeanDecision(models.Model):
    """The platform committee's decision on a nominated project (one per project)."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="european_label"
    )
    awarded = models.BooleanField()
    comments = models.TextField(_("comments"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.project_id}: {self.awarded}"


class SchoolLabel(models.Model):
    """A school that met the criteria, with its head's declaration: valid for a while."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="labels")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    head_name = models.CharField(_("name of the head of the school"), max_length=200)
    head_declaration = models.BooleanField()
    awarded_on = models.DateField()
    valid_until = models.DateField()

    class Meta:
        ordering = ["-awarded_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(head_declaration=True), name="label_head_declared"),
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("awarded_on")), name="label_valid_after_award"
            ),
            models.UniqueConstraint(fields=["school", "awarded_on"], name="one_label_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.awarded_on}–{self.valid_until}"
