"""What a translation must keep of its msgid, for the catalogue tests and for corrections.

A translation that drops or renames `%(name)s` makes the formatting of its message raise
on every page that shows it; a lost tag breaks the markup around it.
"""

import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

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


# --- Merged catalogues ---------------------------------------------------------------

_DJANGO_UPDATE = trans_real.TranslationCatalog.update


def _update(self, trans):
    """Django's TranslationCatalog.update with the comparison it means ("merge if plural
    function is the same as the top catalog, else prepend"): Django 5.2 compares a code
    object with a function, never equal, so every app's catalogue stays a dictionary of
    its own and each word is looked up in up to 40 of them (7 µs for a word of Django's
    own). Merging into the top one keeps the order of precedence: the newer catalogue's
    words win, and the top is searched first."""
    if trans.plural.__code__ == self._plurals[0].__code__:
        self._catalogs[0].update(trans._catalog)
    else:
        self._catalogs.insert(0, trans._catalog.copy())
        self._plurals.insert(0, trans.plural)


def merge_catalogues() -> None:
    """Install the merging update (core's AppConfig.ready), before any page translates."""
    trans_real.TranslationCatalog.update = _update
    trans_real._translations = {}  # any built before: built again, merged
    trans_real._default = None
