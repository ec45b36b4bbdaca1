"""Fill French translations into the .po catalogues.

Usage: python scripts/fill_po.py FILE.json   ({"English msgid": "French msgstr", ...})
Entries with plurals take a list ["singular", "plural"]. Existing translations
are kept unless the JSON gives a new one; fuzzy marks are cleared when filled.
Prints what is still untranslated.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "jumelage"


def main(path: str) -> int:
    translations = json.loads(Path(path).read_text())
    left = 0
    for po_path in sorted(ROOT.rglob("locale/fr/LC_MESSAGES/django.po")):
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.obsolete:
                continue
            # A msgid with a context (pgettext) is filled only by "context\u0004msgid":
            # the same English word may mean something else there ("Subject").
            key = f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid
            value = translations.get(key)
            if value is not None:
                if entry.msgid_plural:
                    forms = value if isinstance(value, list) else [value, value]
                    entry.msgstr_plural = {0: forms[0], 1: forms[-1]}
                else:
                    entry.msgstr = value if isinstance(value, str) else value[0]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            if not entry.translated() or "fuzzy" in entry.flags:
                left += 1
                print(f"untranslated: {po_path.relative_to(ROOT)}: {entry.msgid!r}")
        po.metadata["Language"] = "fr"
        po.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
        po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        po.save()
    print(f"{left} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
