"""National school identifiers, checked the way each country writes them.

France: the UAI (formerly RNE) is 3 characters for the département, 4 digits
and a check letter; the letter is the 7-digit number modulo 23 taken in the
alphabet without I, O and Q. Other countries: free text, with an optional
pattern in the reference data (Country.national_id_pattern).

Reference data owns these rules because several apps read identifiers
(schools registers them, network places a school in its département).
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Department


def normalise_identifier(value: str) -> str:
    """Identifiers match ignoring case and spaces: '0750 654d' is '0750654D'."""
    return "".join((value or "").split()).upper()


UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
UAI_SHAPE = re.compile(r"^(\d{3})(\d{4})([A-Z])$")


def uai_check_letter(seven_digits: str) -> str:
    return UAI_LETTERS[int(seven_digits) % 23]


@dataclass
class Identifier:
    value: str  # normalised: no spaces, upper case
    department: object = None  # reference.Department for a French school


def validate_uai(raw: str) -> Identifier:
    """A valid French UAI with its département, or a ValidationError naming the expected form."""
    value = normalise_identifier(raw)
    expected = _(
        "A UAI has 8 characters: 7 digits (the first 3 give the département) then a "
        "check letter, for example 0750654D."
    )
    match = UAI_SHAPE.match(value)
    if not match:
        raise ValidationError(expected, code="uai_form")
    prefix, number, letter = match.groups()
    if uai_check_letter(prefix + number) != letter:
        raise ValidationError(
            _("The check letter of this UAI does not match its digits. %(expected)s")
            % {"expected": expected},
            code="uai_check",
        )
    department = Department.objects.select_related("region").filter(uai_prefix=prefix).first()
    if department is None:
        raise ValidationError(
            _("No département uses the UAI prefix %(prefix)s. %(expected)s")
            % {"prefix": prefix, "expected": expected},
            code="uai_department",
        )
    return Identifier(value, department)


def validate_national_id(country, raw: str) -> Identifier:
    """Check a school identifier the way its country writes it."""
    if country.code == "FR":
        return validate_uai(raw)
    value = normalise_identifier(raw)
    if not value:
        raise ValidationError(_("Enter the school's national identifier."), code="required")
    if country.national_id_pattern and not re.fullmatch(country.national_id_pattern, value):
        label = country.national_id_label or _("national identifier")
        raise ValidationError(
            _("This does not look like a %(label)s of %(country)s.")
            % {"label": label, "country": country.name},
            code="pattern",
        )
    return Identifier(value)
