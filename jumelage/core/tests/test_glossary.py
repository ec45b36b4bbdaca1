"""The platform's own words are translated the same way throughout each language.

The glossaries live in docs/i18n/<code>.md (see docs/i18n/README.md); every catalogue
entry whose English text names a glossary term must use one of the term's accepted stems.
"""

import re
from functools import cache
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
GLOSSARY_DIR = ROOT / "docs" / "i18n"
APPS_DIR = ROOT / "jumelage"

# Glossary term (first column of the table) -> regex on the English msgid.
TERMS = {
    "TwinSpace": r"\btwinspaces?\b",
    "kit": r"\bkits?\b",
    "(national) support office": r"\bsupport offices?\b",
    "region (académie-like)": r"\bregions?\b",
    "partner request": r"\bpartner requests?\b",
    "quality label": r"\bquality labels?\b",
    "project": r"\bprojects?\b",
    "pupil": r"\bpupils?\b",
    "head teacher": r"\bhead teachers?\b",
    "twinmail": r"\btwinmails?\b",
}
# Longer domain words that contain a term as a whole word but are not that term (removed
# before matching; e.g. a hyphenated compound). None in the catalogues today: \b already
# leaves out "regional", "projector" and the like.
DOMAIN_WORDS: list[str] = []
PLACEHOLDER = re.compile(r"%\([^)]*\)[a-z]|\{[^}]*\}")
ROW = re.compile(r"^\|\s*(?P<term>[^|]+?)\s*\|\s*(?P<tr>[^|]+?)\s*\|\s*(?P<stems>[^|]+?)\s*\|$")
EXCEPTION = re.compile(
    r"^- `(?P<msgid>[^`]+)`\s*(?:\((?P<term>[^)]+)\))?\s*[—-]+\s*(?P<reason>\S.*)$"
)


def parse_glossary(path):
    """Returns ({term: [stems]}, {(msgid, term)}) and fails on a malformed file."""
    terms, exceptions = {}, set()
    for line in path.read_text(encoding="utf-8").splitlines():
        row = ROW.match(line)
        if row and row["term"] not in ("English",) and not set(row["term"]) <= {"-"}:
            stems = [s.strip().lower() for s in row["stems"].split(",") if s.strip()]
            assert stems, f"{path.name}: no stem for {row['term']}"
            terms[row["term"]] = stems
        exc = EXCEPTION.match(line)
        if exc:
            exceptions.add((exc["msgid"], exc["term"]))
    assert set(terms) == set(TERMS), f"{path.name}: terms {sorted(set(TERMS) ^ set(terms))}"
    return terms, exceptions


@cache
def entries(code):
    """(English text, translations) of every live entry of a language: parsed once."""
    out = []
    for po in sorted(APPS_DIR.glob(f"**/locale/{code}/LC_MESSAGES/django.po")):
        for e in polib.pofile(str(po)):
            if e.obsolete:
                continue
            english = " ".join(filter(None, [e.msgid, e.msgid_plural]))
            english = PLACEHOLDER.sub(" ", english).lower()
            for word in DOMAIN_WORDS:
                english = english.replace(word, " ")
            translated = e.msgstr_plural.values() if e.msgid_plural else [e.msgstr]
            out.append((e.msgid, english, [t.lower() for t in translated]))
    return out


NON_ENGLISH = [c for c in settings.SHIPPED_LANGUAGE_CODES if c != "en"]


def test_every_shipped_language_has_a_glossary():
    missing = [c for c in NON_ENGLISH if not (GLOSSARY_DIR / f"{c}.md").exists()]
    assert not missing


@pytest.mark.parametrize("code", NON_ENGLISH)
def test_catalogue_follows_glossary(code):
    path = GLOSSARY_DIR / f"{code}.md"
    if not path.exists():
        pytest.skip("no glossary (reported by the test above)")
    terms, exceptions = parse_glossary(path)
    assert entries(code), f"no catalogue for {code}"
    wrong = []
    for term, rx in TERMS.items():
        pattern = re.compile(rx, re.I)
        for msgid, english, translated in entries(code):
            if not pattern.search(english) or (msgid, term) in exceptions:
                continue
            for text in translated:
                if not any(stem in text for stem in terms[term]):
                    wrong.append(f"{term}: {msgid!r} -> {text!r}")
    assert not wrong, f"{code}: {len(wrong)} off-glossary\n" + "\n".join(wrong)


def test_glossary_check_catches_an_off_glossary_word(tmp_path):
    """The parser reads stems and exceptions as written, so a drift would be caught."""
    sample = tmp_path / "xx.md"
    rows = "\n".join(f"| {t} | x | {t.split()[0].strip('(').lower()}, alt |" for t in TERMS)
    sample.write_text(
        f"| English | Translation | Stems |\n|---|---|---|\n{rows}\n\n"
        "## Exceptions\n\n- `Pupil login` (pupil) — rephrased as 'sign in'\n",
        encoding="utf-8",
    )
    terms, exceptions = parse_glossary(sample)
    assert terms["kit"] == ["kit", "alt"]
    assert ("Pupil login", "pupil") in exceptions
