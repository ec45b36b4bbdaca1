"""Country choices in the reader's language and alphabet order (issue 14).

The rows are ordered by their English name; a French reader looking for « Allemagne »
or a German one for „Österreich" needs the names they read, sorted as they sort. The
Unicode Collation Algorithm (pyuca, its default table) puts "Ö" with "O" and "Č" with
"C" in every language; the founding countries come first, then the others.
"""

from functools import cache, lru_cache

from django import forms
from django.forms.models import ModelChoiceIterator

from .choices import cached_choices


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


class ReferenceChoiceIterator(ModelChoiceIterator):
    """Choices from the process's copy (reference.choices): (value, label) pairs, not
    model instances, built once per queryset and language until a reference row changes."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from cached_choices(self.queryset, self.build)

    def __len__(self):  # Django's counts the table
        return len(cached_choices(self.queryset, self.build)) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(cached_choices(self.queryset, self.build))

    def rows(self):
        return self.queryset

    def build(self):
        field = self.field
        return [(field.prepare_value(row), field.label_from_instance(row)) for row in self.rows()]


class _CountryIterator(ReferenceChoiceIterator):
    def rows(self):
        return reading_order(self.queryset)


class ReferenceChoiceField(forms.ModelChoiceField):
    """One row of a reference table (a subject, a language, a production type)."""

    iterator = ReferenceChoiceIterator


class ReferenceMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several rows of a reference table (subjects, languages, ages) as a checkbox group."""

    iterator = ReferenceChoiceIterator
    widget = forms.CheckboxSelectMultiple


class CountryChoiceField(forms.ModelChoiceField):
    """One country, listed in the reader's language and order."""

    iterator = _CountryIterator


class CountryMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several countries, as a checkbox group in the reader's language and order."""

    iterator = _CountryIterator
    widget = forms.CheckboxSelectMultiple
