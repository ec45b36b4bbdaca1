"""Reference choices kept in each process (issue 16).

Countries, subjects, languages and age bands change when staff edit them in the admin,
a few times a year, and the partner search lists about a hundred of them on every view:
four queries, a model instance and a translated name per row (11,000 of the page's
98,000 Python calls; the project directory's filters four of its ten queries).
Each process keeps the (value, label) pairs of a reference queryset per language. A
change to any reference row forgets them in its own process at once and, through a
version in the shared cache, in the other processes within `CHECK_EVERY` seconds.
"""

import time
import uuid

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from jumelage.core import cache

VERSION_KEY = "reference:version"
CHECK_EVERY = 1.0  # seconds between two reads of the shared version
MAX_KEYS = 512  # querysets × languages; a growing key (a filter per user) starts afresh

_choices: dict = {}
_seen = {"version": None, "checked": float("-inf")}


def _key(queryset):
    """The queryset's filters, order and the reader's language; None for anything but a
    plain filtered list of a reference table (it is then read from the database)."""
    query = queryset.query
    if (
        queryset.model._meta.app_label != "reference"
        or query.annotations
        or query.extra
        or query.distinct
        or query.low_mark
        or query.high_mark is not None
    ):
        return None
    key = (queryset.model, query.where, tuple(map(str, query.order_by)), get_language())
    try:
        hash(key)
    except TypeError:  # a filter on an unhashable value
        return None
    return key


def cached_choices(queryset, build) -> tuple:
    """`build()`'s choices for this queryset, built once per process until a change.

    Kept per builder too (its function: a form field's bound method is one builder
    whatever the field's instance): the partner search's country choices and the
    suggestions' founding countries read one queryset into two different lists.
    """
    key = _key(queryset)
    if key is None:
        return tuple(build())
    key = (getattr(build, "__func__", build), *key)
    _check_shared_version()
    found = _choices.get(key)
    if found is None:
        if len(_choices) >= MAX_KEYS:
            _choices.clear()
        found = _choices[key] = tuple(build())
    return found


def _check_shared_version() -> None:
    now = time.monotonic()
    if now - _seen["checked"] < CHECK_EVERY:
        return
    _seen["checked"] = now
    version = cache.get(VERSION_KEY, _seen["version"])  # unreadable: keep this copy
    if version != _seen["version"]:
        _choices.clear()
        _seen["version"] = version


def forget() -> None:
    """Drop this process's choices (a change here, or a test's rolled-back rows)."""
    _choices.clear()


def _announce() -> None:
    forget()
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)  # unwritable: others catch up later


def _changed(sender, using=None, **kwargs) -> None:
    # Now, for this process (a request in the same transaction reads the new rows), and
    # once committed, for the others: before it, they would read the old rows again.
    forget()
    transaction.on_commit(_announce, using=using)


def connect(models) -> None:
    for model in models:
        post_save.connect(_changed, sender=model, dispatch_uid=f"reference-choices-{model}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"reference-choices-d-{model}")
