"""What a translation must keep of its msgid, for the catalogue tests and for corrections.

A translation that drops or renames `%(name)s` makes the formatting of its message raise
on every page that shows it; a lost tag breaks the markup around it.
"""

import re

from django.conf import settings
from django.utils import translation

# What must survive translation: %(x)s, %s, %d, {x}, {{ x }}, {% x %}, tags and entities.
MARKS = re.compile(
    r"%\([a-zA-Z0-9_]+\)[sdif]|%[sdif]|\{[a-zA-Z0-9_]*\}|\{\{.*?\}\}|\{%.*?%\}"
    r"|</?[a-zA-Z][a-zA-Z0-9]*|&[a-z]+;"
)
# A plural form may leave the number out ("one file", "jeden plik").
COUNTS = {"%(count)s", "%d", "%(n)s", "%(num)s"}


def marks(text: str) -> list[str]:
    """The placeholders and tags of a text, sorted, each as often as it occurs."""
    return sorted(MARKS.findall(text))


def keeps_marks(msgid: str, translation: str) -> bool:
    return marks(msgid) == marks(translation)


# --- The pupils' variant of a language ("tu" in French) ----------------------------
PUPIL_SUFFIX = "-pupil"


def reader_language(language: str, *, is_pupil: bool) -> str:
    """The catalogue a reader gets: a pupil's language has its "tu" variant where one exists."""
    if is_pupil and language in settings.PUPIL_VARIANT_LANGUAGES:
        return language + PUPIL_SUFFIX
    return language


def site_language(language: str | None = None) -> str:
    """The language as the site names it (<html lang>, the menu, babel): a variant is its
    language."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return language.removesuffix(PUPIL_SUFFIX)
