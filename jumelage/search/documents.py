"""What goes into a search document, in one place.

Both the live indexer (services.index_teachers) and the benchmark generator
(bench/partners_generate.py) build documents with these functions, so that
the benchmark measures exactly what the platform searches.
"""

import re
from dataclasses import dataclass, field

# Filter kinds: the query-string name and the token prefix in the document.
FACET_KINDS = {
    "country": "c",
    "subject": "s",
    "language": "l",
    "age": "a",
    "level": "v",
}
OPEN_REQUEST = "xfopen"

_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def facet(kind: str, value) -> str:
    """A filter value as one token no ordinary word looks like: ('country', 'FR') -> 'xfcfr'."""
    return "xf" + FACET_KINDS[kind] + _NOT_ALNUM.sub("", str(value).lower())


@dataclass
class TeacherDocument:
    """Everything a search may match or filter on for one teacher."""

    display_name: str
    presentation: str = ""
    school_names: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # towns, country names (en + fr)
    labels: list[str] = field(default_factory=list)  # subject, language, level names
    request_texts: list[str] = field(default_factory=list)  # open partner requests
    countries: set[str] = field(default_factory=set)
    subjects: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    ages: set[int] = field(default_factory=set)
    levels: set[str] = field(default_factory=set)
    has_open_request: bool = False

    def name_text(self) -> str:
        return " ".join([self.display_name, *self.school_names])

    def body_text(self) -> str:
        return "\n".join(
            part
            for part in [self.presentation, *self.places, *self.labels, *self.request_texts]
            if part
        )

    def facets_text(self) -> str:
        tokens = [facet("country", c) for c in sorted(self.countries)]
        tokens += [facet("subject", s) for s in sorted(self.subjects)]
        tokens += [facet("language", lang) for lang in sorted(self.languages)]
        tokens += [facet("age", a) for a in sorted(self.ages)]
        tokens += [facet("level", v) for v in sorted(self.levels)]
        if self.has_open_request:
            tokens.append(OPEN_REQUEST)
        return " ".join(tokens)
