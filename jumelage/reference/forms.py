"""Country choices in the reader's language and alphabet order (issue 14).

The rows are ordered by their English name; a French reader looking for « Allemagne »
or a German one for „Österreich" needs the names they read, sorted as they sort. The
Unicode Collation Algorithm (pyuca, its default table) puts "Ö" with "O" and "Č" with
"C" in every language; the founding countries come first, then the others.
"""

from functools import cache, lru_cache

from django import forms
from django.forms.models import ModelChoiceIterator


@cache
def _collator():
    import pyuca

    return pyuca.Collator()


@lru_cache(maxsize=8192)  # names of countries in 28 languages: a few thousand at most
def sort_key(name: str) -> tuple:
    return _collator().sort_key(name.casefold())


def reading_order(countries) -> list:
    """Founding countries first, then the others, each part by its name as read."""
    return sorted(countries, key=lambda c: (not c.can_found, sort_key(c.name)))


class _CountryIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for country in reading_order(self.queryset):
            yield self.choice(country)


class CountryChoiceField(forms.ModelChoiceField):
    """One country, listed in the reader's language and order."""

    iterator = _CountryIterator


class CountryMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several countries, as a checkbox group in the reader's language and order."""

    iterator = _CountryIterator
    widget = forms.CheckboxSelectMultiple
