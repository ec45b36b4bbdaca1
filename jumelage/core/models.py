"""Shared model building blocks."""

from django.db import models
from django.utils.translation import get_language


def localized(obj, field: str) -> str:
    """The value of `field_<active language>`, falling back to English."""
    lang = (get_language() or "en")[:2]
    return getattr(obj, f"{field}_{lang}", "") or getattr(obj, f"{field}_en")


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
