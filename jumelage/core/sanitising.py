"""Rich text is sanitised with nh3 when it is saved, never trusted when shown."""

import re

import nh3
from django.utils.html import strip_tags

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html: str) -> str:
    """Keep structure and links; drop scripts, event handlers, styles and unsafe URLs."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


# Where one block of text ends and the next begins: a space there, or "Français" and
# "Rédigez" in two paragraphs become "FrançaisRédigez" once the tags are gone.
_BLOCK_BOUNDARY = re.compile(
    r"<(?:br|hr|img)\b[^>]*>|</?(?:p|div|li|ul|ol|h[1-6]|blockquote|tr|td|th|table|pre|figure|figcaption|section|article)\b[^>]*>",
    re.IGNORECASE,
)


def plain_text(html: str) -> str:
    """Rich text as plain words, one space between blocks (for snippets, iCal, feeds)."""
    return " ".join(strip_tags(_BLOCK_BOUNDARY.sub(" ", html or "")).split())


def snippet(html: str, query: str = "", length: int = 160) -> str:
    """A plain-text excerpt of rich text around the first mention of `query`."""
    text = plain_text(html)
    at = text.lower().find(query.lower()) if query else -1
    start = max(at - length // 2, 0) if at >= 0 else 0
    piece = text[start : start + length]
    return ("…" if start else "") + piece + ("…" if start + length < len(text) else "")
