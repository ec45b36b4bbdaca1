"""URLs reversed once rather than on every use: a list's per-row URLs once per page
(a topic's 50 replies, a chat history, a library page spent most of their time in
`reverse()`), and the navigation's addresses, the same on every page, once per process."""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

ROW = 987654321  # stands for the row's id in the reversed URL


def row_url(viewname: str, *args, **kwargs) -> str:
    """`viewname`'s URL with "{}" where ROW was passed: `.format(row.pk)` per row."""
    url = reverse(viewname, args=args or None, kwargs=kwargs or None)
    return url.replace(str(ROW), "{}")


def fixed_url(viewname: str, **kwargs) -> str:
    """`viewname`'s URL, remembered per URL configuration and script prefix (what a
    reverse depends on besides its arguments); ROW among `kwargs` gives a `row_url`."""
    return _remembered(viewname, tuple(sorted(kwargs.items())), get_urlconf(), get_script_prefix())


@lru_cache(maxsize=1024)
def _remembered(viewname, kwargs, urlconf, prefix) -> str:
    return row_url(viewname, **dict(kwargs))  # urlconf and prefix: the key, and current
