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
