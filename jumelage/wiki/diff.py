"""A line diff between two revisions, on their text (difflib), for an escaped rendering."""

import difflib
from dataclasses import dataclass
from html.parser import HTMLParser

BLOCKS = {"p", "h2", "h3", "h4", "li", "tr", "blockquote", "pre", "figcaption", "hr", "br", "table"}


class _Text(HTMLParser):
    """Sanitised HTML to lines of text; images and links keep their address, so changes show."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.current = [], []

    def _flush(self):
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in BLOCKS:
            self._flush()
        if tag == "img":
            self._flush()
            self.lines.append(
                f"[{attrs.get('alt') or ''} {attrs.get('src') or ''}]".replace("[ ", "[")
            )
        elif tag in ("td", "th"):
            self.current.append(" | ")
        elif tag == "a":
            self.href = attrs.get("href") or ""

    def handle_endtag(self, tag):
        if tag == "a" and getattr(self, "href", ""):
            self.current.append(f" <{self.href}>")
            self.href = ""
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        self.current.append(data)

    def close(self):
        super().close()
        self._flush()


def text_lines(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    return parser.lines


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed"
    text: str


def diff_lines(old: list[str], new: list[str]) -> list[DiffLine]:
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += [DiffLine("same", line) for line in old[i1:i2]]
            continue
        out += [DiffLine("removed", line) for line in old[i1:i2]]
        out += [DiffLine("added", line) for line in new[j1:j2]]
    return out


def diff_revisions(old, new) -> dict:
    """Title and text changes between two revisions (oldest first)."""
    return {
        "title": diff_lines([old.title], [new.title]) if old.title != new.title else [],
        "body": diff_lines(text_lines(old.body), text_lines(new.body)),
    }
