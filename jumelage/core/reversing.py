"""A list's per-row URLs, reversed once per page rather than once per row and action:
a long list (a topic's 50 replies, a chat history, a library page) spent most of its time
in `reverse()`."""

from django.urls import reverse

ROW = 987654321  # stands for the row's id in the reversed URL


def row_url(viewname: str, *args, **kwargs) -> str:
    """`viewname`'s URL with "{}" where ROW was passed: `.format(row.pk)` per row."""
    url = reverse(viewname, args=args or None, kwargs=kwargs or None)
    return url.replace(str(ROW), "{}")
