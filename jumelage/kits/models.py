"""Kits: ready pedagogical scenarios a project can start from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jumelage.core.models import localized


class Kit(models.Model):
    MSGID_CONTEXT = "kit"
    slug = models.SlugField(unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    summary_en = models.TextField(_("summary (English)"))
    summary_fr = models.TextField(_("summary (French)"))
    subjects = models.ManyToManyField("reference.Subject", blank=True, verbose_name=_("subjects"))
    age_min = models.PositiveSmallIntegerField(_("youngest pupils' age"), default=3)
    age_max = models.PositiveSmallIntegerField(_("oldest pupils' age"), default=19)
    duration_weeks = models.PositiveSmallIntegerField(_("duration in weeks"), default=8)
    tools_en = models.TextField(_("suggested tools (English)"), blank=True)
    tools_fr = models.TextField(_("suggested tools (French)"), blank=True)
    production = models.ForeignKey(
        "reference.ProductionType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("suggested final production"),
    )
    published = models.BooleanField(default=True)

    class Meta:
        ordering = ["title_en"]
        verbose_name = _("kit")
        verbose_name_plural = _("kits")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_min__lte=models.F("age_max")), name="kit_age_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @property
    def tools(self) -> str:
        return localized(self, "tools")

    def project_initial(self) -> dict:
        """What a project started from this kit begins with (the project form's initial)."""
        return {
            "title": self.title,
            "summary": self.summary[:500],
            "kit": self,
            "age_min": self.age_min,
            "age_max": self.age_max,
            "subjects": list(self.subjects.all()),
            "productions": [self.production] if self.production_id else [],
        }


class KitStep(models.Model):
    MSGID_CONTEXT = "kit step"
    kit = models.ForeignKey(Kit, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    title_en = models.CharField(max_length=200)
    title_fr = models.CharField(max_length=200)
    body_en = models.TextField()
    body_fr = models.TextField()

    class Meta:
        ordering = ["kit", "position"]
        constraints = [
            models.UniqueConstraint(fields=["kit", "position"], name="kit_step_position_unique")
        ]

    @property
    def title(self) -> str:
        return localized(self, "title")

    def __str__(self) -> str:
        return self.title

    @property
    def body(self) -> str:
        return localized(self, "body")
