"""Msgids of the shipped prize age categories (see core.models.localized)."""

from django.utils.translation import pgettext_lazy

MSGIDS = [
    pgettext_lazy("prize age category", "Pupils up to 11"),
    pgettext_lazy("prize age category", "Pupils aged 12 to 15"),
    pgettext_lazy("prize age category", "Pupils aged 16 to 19"),
]
