"""Dates a school platform can hold: this century, in forms and in the database.

A date typed as year 1 or year 9999 is a typo or an attack. Out of range it
breaks time-zone arithmetic (Python cannot represent the moment) and, on
PostgreSQL, stores a BC timestamp that every later page reading it fails on.
So every date and datetime is kept within DATE_MIN..DATE_MAX:

- forms use `DateField` / `DateTimeField` from here (a clear message, never a 500);
- every DateField/DateTimeField of a `jumelage.*` model gets a database
  CheckConstraint, added automatically when the model class is built (see
  `_add_date_range_constraints`), so a new field is covered as soon as its
  migration exists (`makemigrations --check` insists on it).
"""

import datetime as dt
import hashlib

from django import forms
from django.core.exceptions import EmptyResultSet, FieldError, ValidationError
from django.db import models
from django.db.models.fields.related import ForeignObject
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In
from django.db.models.signals import class_prepared
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)
# Datetimes in the database: the same days with two days' slack on each side, so a
# wall-clock time accepted by a form (checked on its own date, in any time zone) plus
# a duration of a few hours always fits once stored in UTC.
DATETIME_MIN = dt.datetime.combine(DATE_MIN - dt.timedelta(days=2), dt.time.min, tzinfo=dt.UTC)
DATETIME_END = dt.datetime.combine(DATE_MAX + dt.timedelta(days=3), dt.time.min, tzinfo=dt.UTC)

RANGE_MESSAGE = _("Enter a date between %(min)s and %(max)s.")


def validate_date_in_range(value):
    """Refuse a date or datetime outside DATE_MIN..DATE_MAX (its own calendar date)."""
    if value is None:
        return
    day = value.date() if isinstance(value, dt.datetime) else value
    if not DATE_MIN <= day <= DATE_MAX:
        raise ValidationError(
            RANGE_MESSAGE,
            code="date_out_of_range",
            params={"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()},
        )


# The only value format a browser's date/time input accepts, whatever the page's language
# (a localised "03/12/2026" shows an empty field that the browser then submits empty).
ISO_INPUT_FORMATS = {
    "date": "%Y-%m-%d",
    "datetime-local": "%Y-%m-%dT%H:%M",
    "month": "%Y-%m",
    "time": "%H:%M",
}


def _range_attrs(widget, fmt):
    # The browser's picker stops at the same bounds (when it knows the input type).
    input_type = getattr(widget, "input_type", "")
    if input_type in ISO_INPUT_FORMATS and hasattr(widget, "format"):
        widget.format = ISO_INPUT_FORMATS[input_type]
    if input_type == "date":
        widget.attrs.setdefault("min", DATE_MIN.isoformat())
        widget.attrs.setdefault("max", DATE_MAX.isoformat())
    elif input_type == "datetime-local":
        widget.attrs.setdefault("min", f"{DATE_MIN.isoformat()}T00:00")
        widget.attrs.setdefault("max", f"{DATE_MAX.isoformat()}T23:59")
    elif input_type == "month":
        widget.attrs.setdefault("min", DATE_MIN.strftime("%Y-%m"))
        widget.attrs.setdefault("max", DATE_MAX.strftime("%Y-%m"))


class DateField(forms.DateField):
    """A form date within the platform's range."""

    default_validators = [validate_date_in_range]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _range_attrs(self.widget, "date")

    def to_python(self, value):
        try:
            return super().to_python(value)
        except (OverflowError, ValueError) as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc


class DateTimeField(forms.DateTimeField):
    """A form date and time within the platform's range.

    The range is checked on the wall-clock date before any time-zone
    conversion, and a conversion that overflows is an invalid value, not a 500.
    """

    default_validators = [validate_date_in_range]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _range_attrs(self.widget, "datetime")

    def to_python(self, value):
        try:
            return super().to_python(value)
        except (OverflowError, ValueError) as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc


def _range_text() -> str:
    return RANGE_MESSAGE % {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}


# Translated when shown, not when the model class is built (translations are not ready then).
_range_message = lazy(_range_text, str)


def date_range_condition(field) -> models.Q:
    """The CheckConstraint condition keeping `field` within the platform's range."""
    name = field.name
    if isinstance(field, models.DateTimeField):
        condition = models.Q(**{f"{name}__gte": DATETIME_MIN, f"{name}__lt": DATETIME_END})
    else:
        condition = models.Q(**{f"{name}__gte": DATE_MIN, f"{name}__lte": DATE_MAX})
    if field.null:
        condition = models.Q(**{f"{name}__isnull": True}) | condition
    return condition


def date_range_constraint_name(model, field) -> str:
    name = f"{model._meta.db_table}_{field.column}_range"
    if len(name) > 60:  # PostgreSQL identifiers stop at 63 characters
        digest = hashlib.sha256(name.encode()).hexdigest()[:8]
        name = f"{name[:45]}_{digest}_range"
    return name


def date_fields(model):
    """The model's own (concrete, not inherited) date and datetime fields."""
    return [
        f
        for f in model._meta.local_concrete_fields
        if isinstance(f, models.DateField)  # DateTimeField is a DateField
    ]


def _add_date_range_constraints(sender, **kwargs):
    """Give every date field of a jumelage model its range constraint (once, real models only)."""
    from django.apps import apps as global_apps

    meta = sender._meta
    if meta.apps is not global_apps or meta.abstract or meta.proxy or not meta.managed:
        return  # historical models of migrations carry their constraints already
    if not sender.__module__.startswith("jumelage."):
        return
    existing = {c.name for c in meta.constraints}
    added = []
    for field in date_fields(sender):
        name = date_range_constraint_name(sender, field)
        if name in existing:
            continue
        added.append(
            models.CheckConstraint(
                condition=date_range_condition(field),
                name=name,
                violation_error_message=_range_message(),
            )
        )
    if added:
        meta.constraints = [*meta.constraints, *added]
        # The migration autodetector reads constraints only when Meta declared some.
        meta.original_attrs["constraints"] = meta.constraints


class_prepared.connect(_add_date_range_constraints, dispatch_uid="jumelage_date_ranges")


@models.IntegerField.register_lookup
class IntegerFieldIn(In):
    """`pk__in=[...]` with a number no column can hold matches nothing instead of crashing.

    Django already does this for `exact`, `lt`, `gt`... on integer fields; the
    `in` lookup (used by every multiple-choice form field on ids) did not, so a
    client typing `?age=99999999999999999999` got an OverflowError (SQLite) or a
    DataError (PostgreSQL).
    """

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                v
                for v in self.rhs
                if not isinstance(v, int)
                or ((low is None or v >= low) and (high is None or v <= high))
            ]
        return super().process_rhs(compiler, connection)


def _single_target(field):
    """The one column a relation filters on; None for multi-column relations."""
    try:
        return field.target_field
    except (AttributeError, FieldError):
        return None


@ForeignObject.register_lookup
class RelatedExactInRange(RelatedExact):
    """`project_id=<a number no id column can hold>` matches nothing instead of crashing.

    Django checks the range for a model's own integer fields but not through a
    foreign key, so `/projects/99999999999999999999/...` reached the database.
    """

    def process_rhs(self, compiler, connection):
        rhs, target = self.rhs, _single_target(self.lhs.output_field)
        if isinstance(rhs, int) and isinstance(target, models.IntegerField):
            low, high = connection.ops.integer_field_range(target.get_internal_type())
            if (low is not None and rhs < low) or (high is not None and rhs > high):
                raise EmptyResultSet
        return super().process_rhs(compiler, connection)


@ForeignObject.register_lookup
class RelatedInInRange(RelatedIn):
    """`project_id__in=[...]`: numbers no id column can hold are left out (they match nothing)."""

    def process_rhs(self, compiler, connection):
        target = _single_target(self.lhs.output_field)
        if self.rhs_is_direct_value() and isinstance(target, models.IntegerField):
            low, high = connection.ops.integer_field_range(target.get_internal_type())
            self.rhs = [
                v
                for v in self.rhs
                if not isinstance(v, int)
                or ((low is None or v >= low) and (high is None or v <= high))
            ]
        return super().process_rhs(compiler, connection)
