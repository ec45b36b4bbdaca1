"""The hook for the project's quality labels (issue: quality labels, not built yet).

The labels app, when it exists, calls `register_label_source(fn)` from its
AppConfig.ready(); `fn(project)` returns a list of `Label`. The site shows its
labels block only when some source returns labels, so nothing changes until then.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    name: str  # already in the language wanted, e.g. "National Quality Label"
    year: int | None = None
    country: str = ""  # name of the awarding country, when national


_SOURCES: list = []


def register_label_source(fn) -> None:
    if fn not in _SOURCES:
        _SOURCES.append(fn)


def labels_for(project) -> list[Label]:
    found: list[Label] = []
    for source in _SOURCES:
        found.extend(source(project))
    return found
