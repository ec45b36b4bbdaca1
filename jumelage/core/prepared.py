"""Hot queries built and compiled once per process, their values filled in per call.

Building a queryset (`filter()` resolving names into joins) and compiling it to SQL cost
a page 400-900 Python calls a query, the same work every request for the same shape:
the access check of every project page, the page or topic it shows. A `Prepared` query
is built once with stand-in values, compiled once per database, and each call only puts
the real values in the parameters and runs the SQL through Django's own iterables (model
instances, `values()`, prefetches: all as the queryset would give them).

Only what cannot change the SQL's shape may vary: `int`, `str` and aware `datetime`
values, compared by the lookups that pass them through unchanged (`exact`, `iexact`,
`gt`, ...; a datetime adapted for the database as the compiler does), in as many places
of the SQL as the query uses them; and lists of ids compared by `__in_array`
(core.lookups: one parameter on PostgreSQL; on SQLite spread into a parameter a value,
so such a query is built each call there). A stand-in that does not come out of the compiler as
a parameter of its own (a `contains` wraps it in `%`) is refused when the query is first
prepared, and `None` at every call (it would be `IS NULL`, another shape). An integer
beyond 64 bits (an address typed by hand) finds no row, as Django's `exact` does.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Q, QuerySet, Value

# Stand-ins: inside PostgreSQL's integer range (Django 5 turns an out-of-range `exact`
# into "no result" before compiling), far from any real key.
_INT_STAND_IN = 2_061_000_000
_STR_STAND_IN = "\x1fprepared-%d\x1f"
_INT64 = (-(2**63), 2**63 - 1)
_DATETIME_STAND_IN = dt.datetime(2999, 12, 31, 23, 59, 59, tzinfo=dt.UTC)


@dataclass(frozen=True)
class _Compiled:
    compiler: object
    sql: str | None  # None: built each call (a list spread into parameters)
    params: tuple
    slots: dict  # name -> its places in params


class Prepared:
    """A query of fixed shape: `Prepared(build, project_id=int, user_id=int)`.

    `build(**stand_ins)` returns the queryset; `.list(**values)` runs it with the real
    values, `.first(**values)` gives the first row or None.
    """

    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        for name, kind in kinds.items():
            if kind not in (int, str, dt.datetime, list):
                raise TypeError(f"{name}: only int, str, datetime and list values can be prepared")
        self._build = build
        self._kinds = kinds
        self._template: QuerySet | None = None
        self._stand_ins: dict = {}
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def list(self, **values) -> list:
        if any(type(v) is int and not _INT64[0] <= v <= _INT64[1] for v in values.values()):
            return []  # no integer column holds it: Django's `exact` finds nothing too
        for name, value in values.items():
            if type(value) is list:  # ids no integer column holds match nothing, as with `in`
                values[name] = [
                    v for v in value if type(v) is not int or _INT64[0] <= v <= _INT64[1]
                ]
        return list(self._queryset(values))

    def first(self, **values):
        rows = self.list(**values)
        return rows[0] if rows else None

    def _queryset(self, values: dict) -> QuerySet:
        if values.keys() != self._kinds.keys():
            raise TypeError(f"values for {sorted(self._kinds)} expected, got {sorted(values)}")
        for name, value in values.items():
            kind = self._kinds[name]
            if type(value) is not kind and not (isinstance(value, kind) and kind is str):
                raise TypeError(f"{name}: {kind.__name__} expected, got {value!r}")
            if kind is dt.datetime and value.utcoffset() is None:
                raise TypeError(f"{name}: an aware datetime expected, got {value!r}")
            if kind is list and not all(type(v) in (int, str) for v in value):
                raise TypeError(f"{name}: a list of int or str expected, got {value!r}")
        template = self._template
        if template is None:  # never `or`: a queryset's truth runs it
            template = self._make_template()
        alias = template.db  # routed per call, as the queryset would be (read replicas)
        compiled = self._compiled.get(alias)
        if compiled is None:
            compiled = self._compile(template, alias)
        if compiled.sql is None:  # a list spread into as many parameters (SQLite's `IN`)
            return self._build(**values)
        if not compiled.sql:
            return template.none()
        params = list(compiled.params)
        adapt = connections[alias].ops.adapt_datetimefield_value
        for name, value in values.items():
            value = adapt(value) if type(value) is dt.datetime else value
            for slot in compiled.slots[name]:
                params[slot] = value
        return _evaluable(template, compiled, tuple(params))

    def _make_template(self) -> QuerySet:
        with self._lock:
            if self._template is None:
                stand_ins = {}
                for number, (name, kind) in enumerate(self._kinds.items()):
                    if kind is int:
                        stand_ins[name] = _INT_STAND_IN + number
                    elif kind is list:
                        stand_ins[name] = [_INT_STAND_IN + number]
                    elif kind is str:
                        stand_ins[name] = _STR_STAND_IN % number
                    else:
                        stand_ins[name] = _DATETIME_STAND_IN - dt.timedelta(seconds=number)
                self._stand_ins = stand_ins
                self._template = self._build(**stand_ins)
            return self._template

    def _compile(self, template: QuerySet, alias: str) -> _Compiled:
        with self._lock:
            if alias in self._compiled:
                return self._compiled[alias]
            compiler = template.query.get_compiler(using=alias)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:  # a shape that can match nothing (`pk__in=[]`)
                compiled = self._compiled[alias] = _Compiled(compiler, "", (), {})
                return compiled
            params = tuple(params)
            slots = {}
            adapt = connections[alias].ops.adapt_datetimefield_value
            for name, stand_in in self._stand_ins.items():
                if type(stand_in) is dt.datetime:
                    stand_in = adapt(stand_in)
                found = [i for i, value in enumerate(params) if value == stand_in]
                if not found and type(stand_in) is list:
                    # `in_array` spreads a list into one parameter a value on SQLite: a
                    # shape per length, so each call is built as Django builds it.
                    compiled = self._compiled[alias] = _Compiled(compiler, None, (), {})
                    return compiled
                if not found:
                    raise ValueError(f"{name}: its value must come out as a parameter of the SQL")
                slots[name] = found
            compiled = self._compiled[alias] = _Compiled(compiler, sql, params, slots)
            return compiled


class PreparedExists:
    """Whether `model` has a row with these values (`FOLLOWING(topic_id=1, user_id=2)`):
    one prepared `SELECT id ... LIMIT 1`, for the checks a page makes on every view."""

    def __init__(self, model, **kinds: type):
        self._prepared = Prepared(
            lambda **values: model.objects.filter(**values).values_list("pk", flat=True)[:1],
            **kinds,
        )

    def __call__(self, **values) -> bool:
        return bool(self._prepared.list(**values))


def count_of(queryset: QuerySet) -> QuerySet:
    """The queryset's row count as a one-row query (`SELECT COUNT(*) ... ` without GROUP BY),
    which a Prepared query can hold: `.first()` gives the number."""
    return (
        queryset.order_by()
        .values(_all=Value(1))
        .annotate(count=Count("*"))
        .values_list("count", flat=True)
    )


def _evaluable(template: QuerySet, compiled: _Compiled, params: tuple) -> QuerySet:
    """A copy of the template whose compiler gives the prepared SQL with these params.

    Copies of the objects' dicts, not `_chain()`: a clone of the query is the very work
    this module saves. Nothing else ever holds the copy, so nothing can filter it further.
    """
    query = template.query.__class__.__new__(template.query.__class__)
    query.__dict__ = template.query.__dict__.copy()

    def get_compiler(using=None, connection=None, elide_empty=True):
        compiler = compiled.compiler.__class__.__new__(compiled.compiler.__class__)
        compiler.__dict__ = compiled.compiler.__dict__.copy()
        compiler.connection = connection or connections[using]
        compiler.query = query
        compiler.as_sql = lambda *args, **kwargs: (compiled.sql, params)
        return compiler

    query.get_compiler = get_compiler
    copy = template.__class__.__new__(template.__class__)
    copy.__dict__ = {**template.__dict__, "_query": query, "_result_cache": None}
    copy._prefetch_done = False
    return copy


class PreparedPages:
    """A list a pager shows a page at a time, prepared: its count and each page's slice.

    `Paginator(pages.rows(**values), per_page)` reads `count()` and a slice, as it reads a
    queryset. A slice's LIMIT and OFFSET are part of its SQL, so each slice asked is a
    Prepared of its own; the first `MAX_SLICES` are kept (a list paged further builds
    the rest as Django does).
    """

    MAX_SLICES = 64

    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        self._build = build
        self._kinds = kinds
        self._count = Prepared(lambda **stand_ins: count_of(build(**stand_ins)), **kinds)
        self._slices: dict[tuple, Prepared] = {}
        self._lock = threading.Lock()

    def rows(self, **values) -> _Rows:
        return _Rows(self, values)

    def _slice(self, start: int, stop: int | None) -> Prepared | None:
        found = self._slices.get((start, stop))
        if found is None:
            with self._lock:
                if len(self._slices) >= self.MAX_SLICES:
                    return None
                build = self._build
                found = self._slices.setdefault(
                    (start, stop),
                    Prepared(lambda **stand_ins: build(**stand_ins)[start:stop], **self._kinds),
                )
        return found


class _Rows:
    """What a pager reads of a prepared list: `count()` and a slice."""

    def __init__(self, pages: PreparedPages, values: dict):
        self._pages, self._values = pages, values

    def count(self) -> int:
        return self._pages._count.first(**self._values) or 0

    def __getitem__(self, key: slice) -> list:
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError("a prepared list is read by slices")
        start = key.start or 0
        if key.stop is not None and key.stop <= start:
            return []  # an empty list's page (Django does not ask the database either)
        prepared = self._pages._slice(start, key.stop)
        if prepared is None:
            return list(self._pages._build(**self._values)[start : key.stop])
        return prepared.list(**self._values)


class _Unmaskable(Exception):
    """A condition with a value that is not a plain constant (an expression, an instance)."""


_SLOT_KINDS = (int, str)
# Part of the shape: few values, written in the code (a model's choices are enums).
_CONSTANT_KINDS = (bool, type(None))
_EMPTY = (list, tuple)


def _mask(condition: Q, slots: list) -> tuple:
    """The condition's shape, its variable values appended to `slots` in order."""
    parts = []
    for child in condition.children:
        if isinstance(child, Q):
            parts.append(_mask(child, slots))
            continue
        if not (isinstance(child, tuple) and len(child) == 2 and isinstance(child[0], str)):
            raise _Unmaskable
        lookup, value = child
        kind = type(value)
        if kind in _SLOT_KINDS or (kind is dt.datetime and value.utcoffset() is not None):
            if kind is int and not _INT64[0] <= value <= _INT64[1]:
                raise _Unmaskable  # in an OR it must still match the other side's rows
            parts.append(("slot", lookup, kind))
            slots.append(value)
        elif kind in _CONSTANT_KINDS or isinstance(value, Enum) or (kind in _EMPTY and not value):
            parts.append(("constant", lookup, kind, value if kind is not list else ()))
        else:
            raise _Unmaskable
    return ("q", condition.connector, condition.negated, tuple(parts))


def _unmask(shape: tuple, stand_ins) -> Q:
    _, connector, negated, parts = shape
    children = []
    for part in parts:
        if part[0] == "q":
            children.append(_unmask(part, stand_ins))
        elif part[0] == "slot":
            children.append((part[1], next(stand_ins)))
        else:
            children.append((part[1], list(part[3]) if part[2] is list else part[3]))
    return Q(*children, _connector=connector, _negated=negated)


class PreparedShapes:
    """A query filtered by conditions the reader's access computes per request.

    `access.visible()`, `viewable_sections()`, a blog's readable posts: a pupil's, a
    teacher's and a visitor's `Q` differ in shape, not only in values, so no single
    Prepared can hold them. The conditions are still computed per request by the rules
    themselves (policies.py, access); only the building and compiling of the query is
    kept, one `Prepared` (or `PreparedPages`) per shape of the conditions. The shape is
    the `Q` tree with its `int` and `str` values taken out (lookups, connectors,
    negations and other constants stay in it), so two conditions of one shape give the
    same SQL, each with its own values. A condition holding anything else (an
    expression, a model instance, a non-empty list), an integer beyond 64 bits, or a
    family grown beyond MAX_SHAPES is built as Django does, each call.

    `build(**conditions, **stand_ins)` returns the queryset; call with the conditions
    as a dict and the values as keywords: `.list({"visible": q}, project_id=1)`.
    """

    MAX_SHAPES = 32

    def __init__(self, build: Callable[..., QuerySet], *, paged: bool = False, **kinds: type):
        self._build = build
        self._kinds = kinds
        self._paged = paged
        self._shapes: dict[tuple, Prepared | PreparedPages | None] = {}
        self._lock = threading.Lock()

    def list(self, conditions: dict[str, Q], **values) -> list:
        found = self._prepared(conditions, values)
        if found is None:
            return list(self._build(**conditions, **values))
        prepared, all_values = found
        return prepared.list(**all_values)

    def first(self, conditions: dict[str, Q], **values):
        rows = self.list(conditions, **values)
        return rows[0] if rows else None

    def rows(self, conditions: dict[str, Q], **values):
        """What a pager reads (`count()` and slices): prepared when paged=True."""
        found = self._prepared(conditions, values) if self._paged else None
        if found is None:
            return self._build(**conditions, **values)
        prepared, all_values = found
        return prepared.rows(**all_values)

    def _prepared(self, conditions: dict, values: dict):
        slots: list = []
        try:
            shape = tuple((name, _mask(q, slots)) for name, q in sorted(conditions.items()))
        except _Unmaskable:
            return None
        prepared = self._shapes.get(shape, False)
        if prepared is False:
            prepared = self._add(shape, [type(value) for value in slots])
        if prepared is None:
            return None
        return prepared, {**values, **{f"_slot{i}": v for i, v in enumerate(slots)}}

    def _add(self, shape: tuple, slot_kinds: list):
        with self._lock:
            if shape in self._shapes:
                return self._shapes[shape]
            if len(self._shapes) >= self.MAX_SHAPES:
                return None
            kinds = {**self._kinds, **{f"_slot{i}": k for i, k in enumerate(slot_kinds)}}
            build, own = self._build, list(self._kinds)

            def build_shape(**stand_ins):
                slots = iter(stand_ins[f"_slot{i}"] for i in range(len(slot_kinds)))
                conditions = {name: _unmask(masked, slots) for name, masked in shape}
                return build(**conditions, **{name: stand_ins[name] for name in own})

            prepared = (PreparedPages if self._paged else Prepared)(build_shape, **kinds)
            try:  # prepared now: a value that does not come out as a parameter shows here
                first = prepared._count if self._paged else prepared
                first._compile(first._make_template(), first._make_template().db)
            except (ValueError, TypeError):
                prepared = None
            self._shapes[shape] = prepared
            return prepared
