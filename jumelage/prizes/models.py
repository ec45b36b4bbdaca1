"""The platform's yearly competition: European-labelled projects enter an age category,
a jury of staff members scores them, the winners are published.

The age categories are reference data (installed from prizes/data.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jumelage.core.models import TranslatedNameMixin


class AgeCategory(TranslatedNameMixin):
    MSGID_CONTEXT = "prize age category"  # shipped names: prizes/msgids.py

    code = models.SlugField(max_length=20, unique=True)
    min_age = models.PositiveSmallIntegerField(_("youngest pupils"))
    max_age = models.PositiveSmallIntegerField(_("oldest pupils"))

    class Meta:
        ordering = ["min_age"]
        verbose_name = _("prize age category")
        verbose_name_plural = _("prize age categories")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__lte=models.F("max_age")), name="category_ages_in_order"
            )
        ]


class Competition(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open for entries")
        JUDGING = "judging", _("The jury is scoring")
        PUBLISHED = "published", _("Winners published")

    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    jury = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("jury"),
        help_text=_("Staff members who score the entries."),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("prize competition")
        verbose_name_plural = _("prize competitions")

    def __str__(self) -> str:
        return self.title


class Entry(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="entries")
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="prize_entries"
    )
    category = models.ForeignKey(AgeCategory, on_delete=models.PROTECT, related_name="+")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    statement = models.TextField(_("why this project"), max_length=4000)
    entered_at = models.DateTimeField(auto_now_add=True)
    winner = models.BooleanField(default=False)

    class Meta:
        ordering = ["category__min_age", "project__title"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "project"], name="one_entry_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.competition} — {self.project}"


class JuryScore(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(_("points (out of 100)"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "juror"], name="one_score_per_juror"),
            models.CheckConstraint(condition=Q(points__lte=100), name="score_out_of_100"),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.points}"
