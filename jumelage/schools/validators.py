"""Phone numbers, checked per country (school identifiers: reference.identifiers)."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def validate_phone(country_code: str, raw: str) -> str:
    """A phone number valid in the school's country, returned in international format."""
    try:
        number = phonenumbers.parse(raw or "", country_code)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        example = phonenumbers.example_number(country_code)
        hint = (
            phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
            if example
            else "+00 000 000 000"
        )
        raise ValidationError(
            _("This is not a valid phone number for this country (for example %(example)s).")
            % {"example": hint},
            code="phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
