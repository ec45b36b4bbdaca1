import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from jumelage.reference.identifiers import (
    UAI_LETTERS,
    uai_check_letter,
    validate_national_id,
    validate_uai,
)
from jumelage.reference.models import Country
from jumelage.schools.validators import validate_phone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


REAL_UAIS = ["0750654D", "0750655E"]


@pytest.mark.parametrize("uai", REAL_UAIS)
def test_real_paris_uais_are_accepted_with_their_academie_and_departement(uai):
    identifier = validate_uai(uai)
    assert identifier.value == uai
    assert identifier.department.code == "75"
    assert identifier.department.region.code == "paris"


def test_spaces_and_case_are_ignored():
    assert validate_uai(" 0750 654d ").value == "0750654D"


@pytest.mark.parametrize("uai", REAL_UAIS)
def test_every_other_check_letter_is_refused(uai):
    for letter in UAI_LETTERS.replace(uai[-1], ""):
        with pytest.raises(ValidationError) as error:
            validate_uai(uai[:-1] + letter)
        assert "0750654D" in str(error.value)  # the message names the expected form


@pytest.mark.parametrize("uai", REAL_UAIS)
def test_every_changed_digit_is_refused(uai):
    for position in range(7):
        for digit in "0123456789":
            if digit == uai[position]:
                continue
            changed = uai[:position] + digit + uai[position + 1 :]
            with pytest.raises(ValidationError):
                validate_uai(changed)


@pytest.mark.parametrize("bad", ["", "075065D", "07506544D", "ABCDEFGH", "0750654I"])
def test_malformed_uais_name_the_expected_form(bad):
    with pytest.raises(ValidationError) as error:
        validate_uai(bad)
    assert "7 digits" in str(error.value)


def test_corsica_uses_620_and_720():
    for prefix, department in (("620", "2A"), ("720", "2B")):
        number = prefix + "0001"
        identifier = validate_uai(number + uai_check_letter(number))
        assert identifier.department.code == department
        assert identifier.department.region.code == "corse"


def test_other_countries_take_free_text_unless_a_pattern_is_set():
    germany = Country.objects.get(code="DE")
    assert validate_national_id(germany, "be 1042").value == "BE1042"
    germany.national_id_pattern = r"\d{6}"
    with pytest.raises(ValidationError):
        validate_national_id(germany, "BE1042")
    assert validate_national_id(germany, "123 456").value == "123456"


def test_phone_numbers_are_checked_for_the_schools_country():
    assert validate_phone("FR", "01 44 32 82 00") == "+33 1 44 32 82 00"
    with pytest.raises(ValidationError) as error:
        validate_phone("FR", "12345")
    assert "+33" in str(error.value)
    with pytest.raises(ValidationError):
        validate_phone("DE", "not a number")


def test_the_expected_form_is_named_in_french_too():
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        validate_uai("0750654E")
    assert "lettre de contrôle" in str(error.value)
