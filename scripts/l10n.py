"""Make and fill the translation catalogues of every language (docs/languages.md).

The French catalogues are the templates: every app's `locale/fr/LC_MESSAGES/django.po`
holds the msgids of that app (`make messages` refreshes them with makemessages). Every
other language's catalogue is made from it, entry for entry, so all languages carry the
same msgids, contexts and plurals.

    python scripts/l10n.py extract [OUT.jsonl]   every msgid once, for translators:
        {"i": id, "c": context, "s": msgid, "p": plural msgid, "fr": French}
    python scripts/l10n.py fill DIR [--source S]  for each DIR/<code>.jsonl
        ({"i": id, "t": "text" or [plural forms]}, ids from S, default DIR/../source.jsonl
        or DIR/source.jsonl): make/update every app's catalogue of <code>, print what is
        still untranslated
    python scripts/l10n.py sync                   re-make every existing catalogue from the
        French templates after `makemessages` (keeps the translations it has)
    python scripts/l10n.py french FILE.json       the French path of scripts/fill_po.py
    python scripts/l10n.py compile                .po -> .mo for every language
    python scripts/l10n.py pupil-todo OUT.jsonl   French entries saying "vous" that have no
        "tu" variant for pupils yet (jumelage/locale/fr_Pupil)
    python scripts/l10n.py pupil FILES --source S  add the writers' "tu" variants

A translation is matched by (context, msgid, plural msgid), never by id alone: ids
change when the source is extracted again.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import polib
from babel.messages.plurals import get_plural

BASE = Path(__file__).resolve().parent.parent
ROOT = BASE / "jumelage"
TEMPLATE = "fr"

sys.path.insert(0, str(BASE))


def all_languages() -> list[str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    from jumelage import settings

    return list(settings.ALL_LANGUAGE_CODES)


def templates() -> list[Path]:
    return sorted(ROOT.rglob(f"locale/{TEMPLATE}/LC_MESSAGES/django.po"))


def key(entry) -> tuple:
    return (entry.msgctxt or None, entry.msgid, entry.msgid_plural or None)


def plural_forms(code: str) -> tuple[int, str]:
    rule = get_plural(code)
    return rule.num_plurals, rule.plural_forms


def extract(out: str) -> int:
    seen: dict = {}
    for path in templates():
        for entry in polib.pofile(str(path)):
            if entry.obsolete or key(entry) in seen:
                continue
            fr = (
                [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
                if entry.msgid_plural
                else entry.msgstr
            )
            seen[key(entry)] = fr
    with open(out, "w", encoding="utf-8") as f:
        for i, ((c, s, p), fr) in enumerate(seen.items(), 1):
            line = {"i": i, "c": c, "s": s, "p": p, "fr": fr}
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"{len(seen)} entries -> {out}")
    return 0


def read_translations(path: Path, source: Path) -> dict:
    ids = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.strip():
            e = json.loads(line)
            ids[e["i"]] = (e["c"], e["s"], e["p"])
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            e = json.loads(line)
            if e.get("i") in ids and e.get("t"):
                found[ids[e["i"]]] = e["t"]
    return found


def existing(path: Path) -> dict:
    """The translations a catalogue has now (a correction made there is kept)."""
    if not path.exists():
        return {}
    found = {}
    for entry in polib.pofile(str(path)):
        if entry.obsolete or "fuzzy" in entry.flags or not entry.translated():
            continue
        if entry.msgid_plural:
            found[key(entry)] = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        else:
            found[key(entry)] = entry.msgstr
    return found


def known_anywhere(code: str) -> dict:
    """Every translation of `code` in any app: a message moved to another app keeps it."""
    found = {}
    for path in sorted(ROOT.rglob(f"locale/{code}/LC_MESSAGES/django.po")):
        found.update(existing(path))
    return found


def build(code: str, new: dict) -> tuple[int, list[str]]:
    """Write every app's catalogue of `code`; the untranslated entries."""
    nplurals, header = plural_forms(code)
    missing, written = [], 0
    for template_path in templates():
        target = template_path.parent.parent.parent / code / "LC_MESSAGES" / "django.po"
        known = existing(target)
        template = polib.pofile(str(template_path))
        po = polib.POFile(wrapwidth=template.wrapwidth)
        po.metadata = dict(template.metadata)
        po.metadata.update(
            {
                "Language": code,
                "Plural-Forms": header,
                "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit",
            }
        )
        po.header = template.header
        for source in template:
            if source.obsolete:
                continue
            value = new.get(key(source)) or known.get(key(source))
            entry = polib.POEntry(
                msgctxt=source.msgctxt,
                msgid=source.msgid,
                msgid_plural=source.msgid_plural,
                occurrences=source.occurrences,
                comment=source.comment,
                flags=[f for f in source.flags if f != "fuzzy"],
            )
            if source.msgid_plural:
                forms = value if isinstance(value, list) else [value or ""]
                forms = (forms + [forms[-1]] * nplurals)[:nplurals] if value else [""] * nplurals
                entry.msgstr_plural = dict(enumerate(forms))
            else:
                entry.msgstr = (value[0] if isinstance(value, list) else value) or ""
            if not entry.translated():
                missing.append(f"{target.relative_to(BASE)}: {source.msgid!r}")
            po.append(entry)
        target.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(target))
        written += 1
    return written, missing


def fill(directory: str, source: str | None) -> int:
    folder = Path(directory)
    if source:
        src = Path(source)
    else:
        src = folder / "source.jsonl"
        if not src.exists():
            src = folder.parent / "source.jsonl"
    total = 0
    for code in all_languages():
        path = folder / f"{code}.jsonl"
        if code in ("en", TEMPLATE) or not path.exists():
            continue
        new = {**known_anywhere(code), **read_translations(path, src)}
        written, missing = build(code, new)
        for line in missing[:20]:
            print(f"untranslated: {line}")
        print(f"{code}: {written} catalogue(s), {len(missing)} untranslated")
        total += len(missing)
    return compile_all()


def sync() -> int:
    codes = sorted({p.parts[-3] for p in ROOT.rglob("locale/*/LC_MESSAGES/django.po")})
    for code in codes:
        # The pupils' "tu" variant holds only what differs from French (pupil, pupil-todo).
        if code in ("en", TEMPLATE) or code == PUPIL_VARIANT.parts[-3]:
            continue
        written, missing = build(code, known_anywhere(code))
        print(f"{code}: {written} catalogue(s), {len(missing)} untranslated")
    return 0


PUPIL_VARIANT = ROOT / "locale" / "fr_Pupil" / "LC_MESSAGES" / "django.po"
ADDRESS = ("vous", "votre", "vos")


def addressed(text: str) -> bool:
    """A French text that says "vous" to its reader (and so needs a pupil's "tu")."""
    import re

    return bool(re.search(r"\b(" + "|".join(ADDRESS) + r")\b", text, re.I))


def pupil_todo(out: str) -> int:
    """The French entries that say "vous" and have no "tu" variant yet, for a writer:
    {"i", "c", "s", "p", "fr"} per line (then `pupil DIR/*.jsonl --source OUT`)."""
    have = set()
    if PUPIL_VARIANT.exists():
        have = {key(e) for e in polib.pofile(str(PUPIL_VARIANT))}
    rows, seen = [], set()
    for path in templates():
        for e in polib.pofile(str(path)):
            forms = (
                [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)]
                if e.msgid_plural
                else [e.msgstr]
            )
            if e.obsolete or key(e) in have or key(e) in seen or not any(map(addressed, forms)):
                continue
            seen.add(key(e))
            fr = forms if e.msgid_plural else e.msgstr
            rows.append(
                {
                    "i": len(rows),
                    "c": e.msgctxt or None,
                    "s": e.msgid,
                    "p": e.msgid_plural or None,
                    "fr": fr,
                }
            )
    with open(out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} entries -> {out}")
    return 0


def pupil(files: list[str], source: str) -> int:
    """Add the "tu" variants ({"i", "t"} per line, ids of `source`) to the pupils' French
    catalogue; entries whose msgid left the French catalogues are dropped."""
    with open(source, encoding="utf-8") as f:
        rows = {r["i"]: r for r in map(json.loads, f)}
    live = {key(e) for path in templates() for e in polib.pofile(str(path)) if not e.obsolete}
    po = polib.pofile(str(PUPIL_VARIANT)) if PUPIL_VARIANT.exists() else polib.POFile()
    po.metadata = {
        "Project-Id-Version": "jumelage",
        "Language": "fr_Pupil",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms("fr")[1],
    }
    entries = {key(e): e for e in po if key(e) in live}
    done_rows = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            done_rows += [json.loads(line) for line in f if line.strip()]
    for done in done_rows:
        row = rows[done["i"]]
        entry = polib.POEntry(msgctxt=row.get("c") or None, msgid=row["s"])
        if row.get("p"):
            entry.msgid_plural = row["p"]
            entry.msgstr_plural = dict(enumerate(done["t"]))
        else:
            entry.msgstr = done["t"]
        entries[key(entry)] = entry
    fresh = polib.POFile()
    fresh.metadata = po.metadata
    for k in sorted(entries, key=lambda k: (k[1], k[0] or "", k[2] or "")):
        fresh.append(entries[k])
    PUPIL_VARIANT.parent.mkdir(parents=True, exist_ok=True)
    fresh.save(str(PUPIL_VARIANT))
    print(f"{len(fresh)} entries -> {PUPIL_VARIANT}")
    return 0


def compile_all() -> int:
    return subprocess.call([sys.executable, str(BASE / "manage.py"), "compiletranslations"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract")
    p.add_argument("out", nargs="?", default=str(BASE / "var" / "l10n-source.jsonl"))
    p = sub.add_parser("fill")
    p.add_argument("directory")
    p.add_argument("--source")
    sub.add_parser("sync")
    p = sub.add_parser("french")
    p.add_argument("json")
    sub.add_parser("compile")
    p = sub.add_parser("pupil-todo")
    p.add_argument("out")
    p = sub.add_parser("pupil")
    p.add_argument("files", nargs="+")
    p.add_argument("--source", required=True)
    args = parser.parse_args(argv)
    if args.command == "pupil-todo":
        return pupil_todo(args.out)
    if args.command == "pupil":
        return pupil(args.files, args.source)
    if args.command == "extract":
        return extract(args.out)
    if args.command == "fill":
        return fill(args.directory, args.source)
    if args.command == "sync":
        return sync()
    if args.command == "french":
        sys.path.insert(0, str(BASE / "scripts"))
        import fill_po

        return fill_po.main(args.json)
    return compile_all()


if __name__ == "__main__":
    sys.exit(main())
