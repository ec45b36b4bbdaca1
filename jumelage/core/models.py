"""Shared model building blocks."""

from django.db import models
from django.utils.translation import get_language, pgettext


def localized(obj, field: str) -> str:
    """The value of `field_<active language>`, else the catalogue's, else English.

    Rows carry English and French columns (staff edit both in the admin). The other
    languages come from the gettext catalogues: a shipped row's English text is a msgid
    with the model's MSGID_CONTEXT (listed in the app's msgids.py so translators get
    it with the rest of the UI); a row staff add later shows its English until then.
    """
    lang = (get_language() or "en")[:2]
    value = getattr(obj, f"{field}_{lang}", "")
    if value:
        return value
    english = getattr(obj, f"{field}_en")
    context = getattr(obj, "MSGID_CONTEXT", "")
    return pgettext(context, english) if context and english else english


class TranslatedNameMixin(models.Model):
    """Reference rows carry their name in each site language; `name` picks the active one."""

    name_en = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return localized(self, "name")

    def __str__(self) -> str:
        return self.name


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
