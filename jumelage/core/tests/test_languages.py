"""Every shipped language: complete catalogues, the right plurals, intact placeholders."""

import re
from pathlib import Path

import polib
import pytest
from babel.messages.plurals import get_plural
from django.conf import settings

ROOT = Path(settings.BASE_DIR) / "jumelage"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
# What must survive translation: %(x)s, %s, %d, {x}, {{ x }}, {% x %}, tags and entities.
MARKS = re.compile(
    r"%\([a-zA-Z0-9_]+\)[sdif]|%[sdif]|\{[a-zA-Z0-9_]*\}|\{\{.*?\}\}|\{%.*?%\}"
    r"|</?[a-zA-Z][a-zA-Z0-9]*|&[a-z]+;"
)
# A plural form may leave the number out ("one file", "jeden plik").
COUNTS = {"%(count)s", "%d", "%(n)s", "%(num)s"}


def marks(text: str) -> list[str]:
    return sorted(MARKS.findall(text))


def apps_with_catalogues() -> list[Path]:
    """Every app that has a catalogue: the French ones are the templates."""
    return sorted(p.parents[2] for p in ROOT.rglob("locale/fr/LC_MESSAGES/django.po"))


def test_english_and_french_are_shipped_and_every_language_named_in_itself():
    names = dict(settings.LANGUAGES)
    assert settings.LANGUAGE_CODE == "en" and list(names)[0] == "en"
    assert names["fr"] == "Français"
    assert set(names) <= set(settings.ALL_LANGUAGE_CODES)
    assert len(settings.ALL_LANGUAGE_CODES) == 28


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogues_are_complete_with_plurals_and_placeholders_kept(code):
    rule = get_plural(code)
    problems = []
    for app in apps_with_catalogues():
        path = app / code / "LC_MESSAGES" / "django.po"
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        po = polib.pofile(str(path))
        header = po.metadata.get("Plural-Forms", "")
        if f"nplurals={rule.num_plurals};" not in header.replace(" ", ""):
            problems.append(f"{path}: Plural-Forms {header!r}, Babel says {rule.plural_forms}")
        for e in po:
            if e.obsolete:
                continue
            where = f"{path.relative_to(ROOT)}: {e.msgid!r}"
            if not e.translated() or "fuzzy" in e.flags:
                problems.append(f"{where}: untranslated or fuzzy")
            elif e.msgid_plural:
                if sorted(e.msgstr_plural) != list(range(rule.num_plurals)):
                    problems.append(f"{where}: {len(e.msgstr_plural)} plural forms")
                allowed = set(marks(e.msgid)) | set(marks(e.msgid_plural))
                needed = set(marks(e.msgid_plural)) - COUNTS
                for form in e.msgstr_plural.values():
                    if not set(marks(form)) <= allowed or needed - set(marks(form)):
                        problems.append(f"{where}: placeholders {marks(form)}")
            elif marks(e.msgstr) != marks(e.msgid):
                problems.append(f"{where}: placeholders {marks(e.msgstr)}")
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:30])
