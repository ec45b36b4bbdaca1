"""French typography: a non-breaking space before « : ; ? ! » (issue 14).

An ordinary space lets the line break before the colon, and none at all reads as
English; teachers notice both.
"""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.rglob("locale/fr/LC_MESSAGES/django.po")) + sorted(
    ROOT.rglob("locale/fr_Pupil/LC_MESSAGES/django.po")  # the pupils' "tu" (docs/languages.md)
)
# A breakable space before the sign, or a letter glued to it (":" only as punctuation).
WRONG = re.compile(r"(?<=\S) [:;?!](?=\s|$|<|»|\"|\))|(?<=[A-Za-zÀ-ÿ»)])([;?!]|:(?=\s|$))")


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_french_puts_a_non_breaking_space_before_double_punctuation(path):
    wrong = []
    for entry in polib.pofile(str(path)):
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        wrong += [f"{entry.msgid!r}: {t!r}" for t in texts if WRONG.search(t)]
    assert not wrong, "\n".join(wrong[:20])
