"""Country choices in the reader's language and alphabet order (issue 14).

The rows are ordered by their English name; a French reader looking for « Allemagne »
or a German one for „Österreich" needs the names they read, sorted as they sort. The
Unicode Collation Algorithm (pyuca, its default table) puts "Ö" with "O" and "Č" with
"C" in every language; the founding countries come first, then the others.
"""

import hashlib
from functools import cache

from django import forms
from django.forms.models import ModelChoiceIterator

from jumelage.core import cache as shared

from .choices import cached_choices

# The collation order of a list of names in the shared cache, under the version of
# pyuca's table (pinned in pyproject: a new table, a new order). A month: it never changes,
# but nothing stays forever.
SHARED_ORDER = "uca:1.2:"
SHARED_FOR = 30 * 24 * 3600


@cache
def _collator():
    import pyuca

    return pyuca.Collator()


def sort_key(name: str) -> tuple:
    return _collator().sort_key(name.casefold())


_local: dict = {}  # this process's orders, by list of names
LOCAL_LISTS = 256  # lists of countries in 28 languages: a few dozen at most


def ranks(names) -> dict:
    """{name: its place in collation order}, from the shared cache where another process
    put it: one entry per list of names (a language's country names).

    Loading pyuca's table costs 0.9 s of CPU, once per process; a page worker restarts
    every few thousand requests (gunicorn's --max-requests), and its first page with a
    country list paid that second for names sorted the same way in every process.
    """
    names = sorted(set(names))
    digest = hashlib.sha1("\x1f".join(names).encode()).hexdigest()  # noqa: S324
    ordered = _local.get(digest)
    if ordered is None:
        ordered = shared.get(SHARED_ORDER + digest)
        if ordered is None or sorted(ordered) != names:
            ordered = sorted(names, key=sort_key)
            shared.set(SHARED_ORDER + digest, ordered, SHARED_FOR)
        if len(_local) >= LOCAL_LISTS:
            _local.clear()
        _local[digest] = ordered
    return {name: place for place, name in enumerate(ordered)}


def reading_order(countries) -> list:
    """Founding countries first, then the others, each part by its name as read."""
    countries = list(countries)
    place = ranks(c.name for c in countries)
    return sorted(countries, key=lambda c: (not c.can_found, place[c.name]))


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
