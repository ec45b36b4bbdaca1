"""What a translation must keep of its msgid, for the catalogue tests and for corrections.

A translation that drops or renames `%(name)s` makes the formatting of its message raise
on every page that shows it; a lost tag breaks the markup around it.
"""

import re

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
