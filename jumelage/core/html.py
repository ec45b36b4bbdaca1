"""Django's `conditional_escape`, `format_html` and `format_html_join`, with less work a call.

The pages written in Python (partner cards, forum replies, the space home, checkbox
lists) escape a few thousand values each: the partner search 4,000. Django's `escape`
is wrapped by `keep_lazy` (a generator over its arguments on every call) and each step
returns a new SafeString; here a value is escaped once by the standard library, the
same characters as Django's (`html.escape`, quotes included), and the result is marked
safe once. The same output (core/tests/test_html.py holds them to Django's).
"""

from collections.abc import Mapping
from html import escape as _escape

from django.utils.functional import Promise
from django.utils.safestring import SafeString


def _escaped(value) -> str:
    if isinstance(value, Promise):
        value = str(value)
    html = getattr(value, "__html__", None)
    return html() if html is not None else _escape(str(value))


def conditional_escape(value) -> SafeString:
    return SafeString(_escaped(value))


def format_html(format_string: str, *args, **kwargs) -> SafeString:
    return SafeString(
        format_string.format(
            *[_escaped(a) for a in args], **{k: _escaped(v) for k, v in kwargs.items()}
        )
    )


def format_html_join(sep: str, format_string: str, args_generator) -> SafeString:
    """As Django's: each item a sequence of positional arguments (or a mapping)."""
    return SafeString(
        _escaped(sep).join(
            format_string.format(**{k: _escaped(v) for k, v in args.items()})
            if isinstance(args, Mapping)
            else format_string.format(*[_escaped(a) for a in args])
            for args in args_generator
        )
    )


def widget_attributes(attrs: Mapping) -> str:
    """As Django's widgets/attrs.html: `name` when True, nothing when False, else
    name="value" (the choice lists and select lists written in Python share it)."""
    return "".join(
        f" {_escaped(name)}" if value is True else f' {_escaped(name)}="{_escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )
