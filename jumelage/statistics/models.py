"""Daily figures: what the statistics pages read, so a page view never scans raw rows."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Flows: what happened on `day` (summed over months on the pages). Stored for each
# country (region empty) and for Europe (country "").
REGISTRATIONS = "registrations"  # teachers who registered
VERIFICATIONS = "verifications"  # teachers verified
VERIFY_DAYS = "verify_days"  # key: days from registration to verification (histogram)
SCHOOLS_REGISTERED = "schools_registered"
PROJECTS_FOUNDED = "projects_founded"  # became active
PROJECTS_CLOSED = "projects_closed"
PUPILS_ADDED = "pupils_added"  # pupil accounts created
TRAINING = "training"  # key: "registered" or "attended", on the day the event ended
LABELS = "labels"  # key: label kind; written by a registered source (none yet)
FLOWS = (
    REGISTRATIONS,
    VERIFICATIONS,
    VERIFY_DAYS,
    SCHOOLS_REGISTERED,
    PROJECTS_FOUNDED,
    PROJECTS_CLOSED,
    PUPILS_ADDED,
    TRAINING,
    LABELS,
)

# Snapshots: the state on `day` (only the latest day is kept). Stored per region too.
SCHOOLS = "schools"  # key: school status
PROJECTS = "projects"  # key: project status
PARTNERS = "partners"  # key: partner country code (Europe: each country's projects)
SUBJECTS = "subjects"  # key: subject code
AGES = "ages"  # key: age in years
PUPILS = "pupils"  # pupils in at least one project
SNAPSHOTS = (SCHOOLS, PROJECTS, PARTNERS, SUBJECTS, AGES, PUPILS)

EUROPE = ""  # the country value of Europe-wide rows


class DailyFigure(models.Model):
    """One number: `metric` (with a `key`) for a day, a country and perhaps a region.

    Filled by `statistics.materialise` (the nightly task and the backfill command);
    read by the statistics pages. A row with an empty region holds the whole
    country's figure (not always the sum of its regions: a project with schools in
    two regions counts once); country "" holds Europe's.
    """

    day = models.DateField()
    country = models.CharField(max_length=2, blank=True)
    region = models.ForeignKey(
        "reference.Region", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    metric = models.CharField(max_length=24)
    key = models.CharField(max_length=40, blank=True, default="")
    value = models.BigIntegerField()

    class Meta:
        verbose_name = _("daily figure")
        verbose_name_plural = _("daily figures")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "metric", "day", "key"],
                condition=Q(region__isnull=True),
                name="daily_figure_unique_country",
            ),
            models.UniqueConstraint(
                fields=["country", "region", "metric", "day", "key"],
                condition=Q(region__isnull=False),
                name="daily_figure_unique_region",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="daily_figure_not_negative"),
        ]
        # Snapshots: of a country, regions included, and the grid of every country.
        indexes = [models.Index(fields=["metric", "country", "day"], name="daily_figure_lookup")]

    def __str__(self) -> str:
        return f"{self.day} {self.country or 'EU'} {self.metric}[{self.key}]={self.value}"


class MonthlyFigure(models.Model):
    """The flows of DailyFigure summed per calendar month: what the pages read.

    Kept in step by `statistics.materialise.refresh` (the months it touches are
    summed again from the daily rows), so a page reads at most a few thousand rows
    whatever the period.
    """

    month = models.DateField()  # the first day of the month
    country = models.CharField(max_length=2, blank=True)
    metric = models.CharField(max_length=24)
    key = models.CharField(max_length=40, blank=True, default="")
    value = models.BigIntegerField()

    class Meta:
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "metric", "month", "key"], name="monthly_figure_unique"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="monthly_figure_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.country or 'EU'} {self.metric}[{self.key}]={self.value}"
