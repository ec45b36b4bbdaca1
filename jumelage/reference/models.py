"""Reference data: data, not code. Installed by migrations, edited by staff in the admin."""

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.db import models
from django.utils.translation import get_language, npgettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from jumelage.core.models import TranslatedNameMixin


@lru_cache(maxsize=64)
def _cldr(language: str):
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def cldr_name(kind: str, code: str) -> str:
    """A country ("territories") or language ("languages") name in the reader's language,
    from CLDR: never hand-typed, and there for each of the 28 site languages."""
    lang = get_language() or "en"
    if lang[:2] == "fr" or lang[:2] == "en":
        return ""  # the rows' own columns (refreshed from the same CLDR by migrations)
    locale = _cldr(lang)
    return getattr(locale, kind).get(code, "") if locale else ""


class Country(TranslatedNameMixin):
    class Category(models.TextChoices):
        EU_MEMBER = "eu", _("EU member state")
        EFTA = "efta", _("EFTA state")
        CANDIDATE = "candidate", _("Candidate country")
        PARTNER = "partner", _("Partner country")

    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    can_found = models.BooleanField(
        _("may found a project"),
        default=False,
        help_text=_("One of the two founding schools of a project may come from this country."),
    )
    default_language = models.CharField(
        _("main language code"),
        max_length=8,
        blank=True,
        help_text=_("Used for emails to the school's head teacher."),
    )
    timezone = models.CharField(_("default time zone"), max_length=64, blank=True)
    national_id_label = models.CharField(
        _("name of the school identifier"), max_length=80, blank=True
    )
    national_id_pattern = models.CharField(
        _("school identifier pattern"),
        max_length=200,
        blank=True,
        help_text=_("Optional regular expression the national school identifier must match."),
    )

    @property
    def name(self) -> str:
        return cldr_name("territories", self.code) or super().name

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(category="partner", can_found=True),
                name="partner_country_cannot_found",
            )
        ]


class Subject(TranslatedNameMixin):
    MSGID_CONTEXT = "school subject"
    code = models.SlugField(max_length=40, primary_key=True)
    cross_curricular = models.BooleanField(default=False)

    class Meta:
        ordering = ["cross_curricular", "name_en"]
        verbose_name = pgettext_lazy("school subject", "subject")
        verbose_name_plural = _("subjects")


class Language(TranslatedNameMixin):
    code = models.CharField(_("ISO 639 code"), max_length=8, primary_key=True)
    eu_official = models.BooleanField(default=False)

    @property
    def name(self) -> str:
        found = cldr_name("languages", self.code)
        return found[:1].upper() + found[1:] if found else super().name

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class AgeBand(TranslatedNameMixin):
    """Pupils' age: one band a year of age from 3 to 18, then 19 and over."""

    min_age = models.PositiveSmallIntegerField(primary_key=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)

    @property
    def name(self) -> str:
        lang = (get_language() or "en")[:2]
        if lang in ("en", "fr"):
            return super().name
        if self.max_age is None:
            return pgettext("age band", "%(age)s and over") % {"age": self.min_age}
        return npgettext("age band", "%(count)s year", "%(count)s years", self.min_age) % {
            "count": self.min_age
        }

    class Meta:
        ordering = ["min_age"]
        verbose_name = _("age band")
        verbose_name_plural = _("age bands")


class ProductionType(TranslatedNameMixin):
    MSGID_CONTEXT = "final production type"
    code = models.SlugField(max_length=40, primary_key=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("final production type")
        verbose_name_plural = _("final production types")


class Region(TranslatedNameMixin):
    """A support region of a country: in France an académie."""

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="regions")
    code = models.SlugField(max_length=40)

    class Meta:
        ordering = ["country", "name_en"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code"], name="region_code_unique_per_country"
            )
        ]


class Department(TranslatedNameMixin):
    """A French département, with the 3-character prefix of its schools' UAI."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")
    code = models.CharField(max_length=3, unique=True)
    uai_prefix = models.CharField(max_length=3, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")
        verbose_name_plural = _("départements")


class Located(models.Model):
    """Where something is in the reference geography: country, region (académie), département.

    Abstract: schools, support roles, help requests and training events each keep
    their own three columns (no table, no join); this only writes the fields once.
    A subclass may redeclare a field (a training event may have no country).
    """

    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("region"),
    )
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("département"),
    )

    class Meta:
        abstract = True
