import pytest
from django.db import IntegrityError, transaction

from jumelage.reference.models import (
    AgeBand,
    Country,
    Department,
    Language,
    ProductionType,
    Region,
    Subject,
)

pytestmark = pytest.mark.django_db

SEED_EU = {
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GB",
    "GR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
}


def test_exactly_the_seeds_33_founding_countries_with_their_category():
    founding = {c.code: c.category for c in Country.objects.filter(can_found=True)}
    assert len(founding) == 33
    assert {code for code, cat in founding.items() if cat == "eu"} == SEED_EU
    assert {code for code, cat in founding.items() if cat == "efta"} == {"IS", "NO", "CH"}
    assert {code for code, cat in founding.items() if cat == "candidate"} == {"MK", "HR", "TR"}


def test_every_other_country_is_a_partner_that_cannot_found():
    partners = Country.objects.exclude(code__in=SEED_EU | {"IS", "NO", "CH", "MK", "HR", "TR"})
    assert partners.count() > 200
    assert set(partners.values_list("category", flat=True)) == {"partner"}
    assert not partners.filter(can_found=True).exists()
    morocco = Country.objects.get(code="MA")
    assert (morocco.name_en, morocco.name_fr) == ("Morocco", "Maroc")


def test_the_database_refuses_a_partner_country_that_may_found():
    ukraine = Country.objects.get(code="UA")
    ukraine.can_found = True
    with pytest.raises(IntegrityError), transaction.atomic():
        ukraine.save()


def test_languages_subjects_ages_and_productions():
    eu = Language.objects.filter(eu_official=True)
    assert eu.count() == 24
    assert {"is", "no", "mk", "tr"} <= set(Language.objects.values_list("code", flat=True))
    assert Language.objects.get(code="de").name_fr == "Allemand"
    assert Subject.objects.count() >= 30
    assert Subject.objects.filter(cross_curricular=True).exists()
    ages = list(AgeBand.objects.values_list("min_age", flat=True))
    assert ages == list(range(3, 20))
    assert AgeBand.objects.get(min_age=19).max_age is None
    assert set(ProductionType.objects.values_list("code", flat=True)) == {
        "blog",
        "online-journal",
        "website",
        "multimedia",
        "film",
        "exhibition",
        "other",
    }


def test_academies_and_departements_with_uai_prefixes():
    assert Region.objects.filter(country="FR").count() == 30
    assert Department.objects.count() == 101
    assert Department.objects.get(uai_prefix="075").region.code == "paris"
    corsica = Department.objects.filter(region__code="corse")
    assert set(corsica.values_list("uai_prefix", flat=True)) == {"620", "720"}
    assert Department.objects.get(code="974").uai_prefix == "974"
    assert Region.objects.get(code="aix-marseille").name_fr == "Académie d'Aix-Marseille"


def test_names_follow_the_active_language():
    from django.utils import translation

    germany = Country.objects.get(code="DE")
    with translation.override("fr"):
        assert germany.name == "Allemagne"
    with translation.override("en"):
        assert germany.name == "Germany"
