"""URLs reversed once rather than on every use: a list's per-row URLs once per page
(a topic's 50 replies, a chat history, a library page spent most of their time in
`reverse()`), and the navigation's addresses, the same on every page, once per process."""

from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

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


def reverse_ids(viewname: str, args=(), kwargs=None, current_app=None) -> str:
    """`reverse()`, kept per URL name when every argument is an id (a non-negative int).

    The template tag `{% url %}` goes through here (core.template_builtins): the
    dashboard reversed 33 URLs a view, each about 130 Python calls; a pattern kept per
    name, argument names, URL configuration, script prefix and current app is a
    `str.format` per use. Any other argument (a slug, a code, a negative number) goes
    to `reverse()` itself, which also raises what it raises.
    """
    kwargs = kwargs or {}
    values = (*args, *kwargs.values())
    if all(type(value) is int and value >= 0 for value in values):
        pattern = _pattern(
            viewname, len(args), tuple(kwargs), get_urlconf(), get_script_prefix(), current_app
        )
        if pattern is not None:
            return pattern.format(*args, **kwargs)
    return reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)


# A stand-in per position: far from any real id, and never a prefix of another one.
_STAND_INS = [ROW + 11 * (i + 1) for i in range(12)]


@lru_cache(maxsize=2048)
def _pattern(viewname, count, names, urlconf, prefix, current_app) -> str | None:
    """The URL with "{0}", "{1}"... or "{name}" where the ids go; None if it does not reverse."""
    if count + len(names) > len(_STAND_INS):
        return None
    stand_ins = iter(_STAND_INS)
    args = [next(stand_ins) for _ in range(count)]
    kwargs = {name: next(stand_ins) for name in names}
    try:
        url = reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    except NoReverseMatch:
        return None
    url = url.replace("{", "{{").replace("}", "}}")
    for position, stand_in in enumerate(args):
        url = url.replace(str(stand_in), "{" + str(position) + "}")
    for name, stand_in in kwargs.items():
        url = url.replace(str(stand_in), "{" + name + "}")
    return url
