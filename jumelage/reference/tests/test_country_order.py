"""Country lists in the reader's language and order, founding countries first (issue 14)."""

import pytest
from django import forms
from django.utils import translation

from jumelage.reference.forms import CountryChoiceField, reading_order
from jumelage.reference.models import Country

pytestmark = pytest.mark.django_db


class CountryForm(forms.Form):
    country = CountryChoiceField(Country.objects.all(), empty_label="—")


def names_in(language: str) -> list[str]:
    with translation.override(language):
        return [str(label) for _value, label in CountryForm().fields["country"].choices][1:]


def test_countries_are_listed_in_the_readers_language_founding_countries_first():
    names = names_in("de")
    assert names.index("Österreich") < names.index("Polen")  # Ö sorts with O in German
    assert names.index("Belgien") < names.index("Deutschland") < names.index("Frankreich")
    founding = [c.name for c in reading_order(Country.objects.all()) if c.can_found]
    with translation.override("de"):
        assert (
            names[: len(founding)]
            == [c.name for c in reading_order(Country.objects.all())][: len(founding)]
        )
    french = names_in("fr")
    assert french.index("Allemagne") < french.index("Autriche") < french.index("Belgique")


def test_a_new_process_sorts_countries_without_loading_the_collation_table(settings):
    """A page worker that starts afresh (gunicorn recycles them) reads the names' order
    from the shared cache: pyuca's table took 0.9 s of its CPU to load."""
    from jumelage.reference import forms as reference_forms

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    reference_forms._local.clear()  # the first process: nothing known anywhere
    with translation.override("de"):
        first = [c.name for c in reading_order(Country.objects.all())]
    assert reference_forms._collator.cache_info().currsize == 1

    # A fresh process: nothing of its own, the shared cache as the others left it.
    reference_forms._local.clear()
    reference_forms._collator.cache_clear()
    with translation.override("de"):
        again = [c.name for c in reading_order(Country.objects.all())]
    assert again == first and again.index("Österreich") < again.index("Polen")
    assert reference_forms._collator.cache_info().currsize == 0

    # The shared cache lost (a restart of Redis): the table is loaded again, same order.
    from django.core.cache import cache

    cache.clear()
    reference_forms._local.clear()
    with translation.override("de"):
        assert [c.name for c in reading_order(Country.objects.all())] == first
    assert reference_forms._collator.cache_info().currsize == 1
