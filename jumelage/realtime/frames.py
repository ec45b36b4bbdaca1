"""The strict parser every WebSocket frame goes through before any handler sees it.

A handler gets a dict whose "type" is "<prefix>.<action>" and whose values are
plain JSON: no NaN or Infinity, integers within JavaScript's safe range, strings
without NUL or lone surrogates (PostgreSQL and UTF-8 refuse both), at most
MAX_DEPTH levels deep and MAX_FRAME_BYTES long. Anything else is a BadFrame,
answered with an error frame; the connection stays open.
"""

import json
import math
import re

from django.utils.translation import gettext_lazy as _

MAX_FRAME_BYTES = 16 * 1024
MAX_DEPTH = 6
MAX_INT = 2**53 - 1  # what a browser can hold exactly; far below any database limit
TYPE_RE = re.compile(r"^[a-z][a-z_]{0,31}\.[a-z][a-z_]{0,31}$")
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")


class BadFrame(ValueError):
    def __init__(self, code: str, message):
        super().__init__(code)
        self.code, self.message = code, message


def _constant(name):
    raise BadFrame("bad_frame", _("Numbers must be finite."))


def _int(text: str) -> int:
    if len(text.lstrip("-")) > 16 or abs(int(text)) > MAX_INT:
        raise BadFrame("bad_frame", _("A number in this frame is too large."))
    return int(text)


def frame_id(value) -> int | None:
    """An id sent in a frame (a room, an event, a peer): a non-negative integer a database
    column can hold, else None. One rule for every handler."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    if isinstance(value, str) and not (1 <= len(value) <= 19 and value.isascii()):
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if 0 <= number <= MAX_INT else None


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadFrame("bad_frame", _("Numbers must be finite."))
    return value


def _depth(text: str) -> int:
    """Deepest nesting of [ and { outside strings, found before parsing (no recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _check_strings(value) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _BAD_CHARS.search(item):
                raise BadFrame(
                    "bad_frame", _("Text may not contain NUL characters or broken Unicode.")
                )
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def parse(text) -> dict:
    """The frame as a dict, or BadFrame saying what is wrong with it."""
    if not isinstance(text, str):
        raise BadFrame("bad_frame", _("Frames are JSON text, not binary."))
    if len(text) > MAX_FRAME_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FRAME_BYTES:
        raise BadFrame("too_large", _("A frame holds at most 16 KiB."))
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth(text) > MAX_DEPTH:
        raise BadFrame("bad_frame", _("This frame is nested too deeply."))
    try:
        content = json.loads(text, parse_constant=_constant, parse_int=_int, parse_float=_float)
    except BadFrame:
        raise
    except (ValueError, RecursionError):
        raise BadFrame("bad_frame", _("This frame is not valid JSON.")) from None
    if not isinstance(content, dict) or not isinstance(content.get("type"), str):
        raise BadFrame("bad_frame", _("A frame is a JSON object with a “type”."))
    _check_strings(content)
    if not TYPE_RE.match(content["type"]):
        raise BadFrame("unknown_type", _("Unknown frame type."))
    return content
