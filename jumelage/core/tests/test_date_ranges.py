"""Every date on the platform stays within 2000..2100: in every form and in the database.

Walks every date/datetime field of every jumelage model (a new field is covered
as soon as it exists) and every date form field of every jumelage form.
"""

import datetime as dt
from importlib import import_module

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, models, transaction
from django.utils.module_loading import module_has_submodule

from jumelage.core.fields import DATE_MAX, DATE_MIN, date_fields, date_range_constraint_name

pytestmark = pytest.mark.django_db

FAR_DATES = [dt.date(1, 1, 1), dt.date(1999, 12, 31), dt.date(2101, 1, 1), dt.date(9999, 12, 31)]


def _far_values(field):
    if isinstance(field, models.DateTimeField):
        return [
            dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.UTC),
            dt.datetime(1990, 6, 1, 12, 0, tzinfo=dt.UTC),
            dt.datetime(2110, 6, 1, 12, 0, tzinfo=dt.UTC),
            dt.datetime(9999, 12, 31, 12, 0, tzinfo=dt.UTC),
        ]
    return FAR_DATES


def _date_model_fields():
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("jumelage."):
            continue
        found.extend((model, field) for field in date_fields(model))
    return found


FIELDS = _date_model_fields()


def test_the_walk_finds_the_fields_of_the_issue():
    names = {f"{m._meta.label}.{f.name}" for m, f in FIELDS}
    assert "training.TrainingEvent.registration_deadline" in names
    assert "calendar.Event.starts_at" in names
    assert "projects.Project.start_date" in names
    assert len(FIELDS) > 60


def test_database_refuses_dates_out_of_range_on_every_field():
    """Each field's constraint is in the database, and the database refuses far values.

    The condition is evaluated by the database for each far value; where a row
    exists (the demo data), the far value is also written for real and must
    raise IntegrityError.
    """
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    problems, written = [], 0
    for model, field in FIELDS:
        label = f"{model._meta.label}.{field.name}"
        name = date_range_constraint_name(model, field)
        with connection.cursor() as cursor:
            in_db = connection.introspection.get_constraints(cursor, model._meta.db_table)
        if not (name in in_db and in_db[name]["check"]):
            problems.append(f"{label}: constraint {name} missing in the database")
            continue
        constraint = next(c for c in model._meta.constraints if c.name == name)
        inside = (
            dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
            if isinstance(field, models.DateTimeField)
            else dt.date(2026, 10, 1)
        )
        if not constraint.condition.check({field.name: inside}):
            problems.append(f"{label}: refuses {inside}")
        row = model._base_manager.order_by("pk").first()
        for value in _far_values(field):
            if constraint.condition.check({field.name: value}):
                problems.append(f"{label}: accepts {value}")
            if row is None:
                continue
            try:
                with transaction.atomic():
                    model._base_manager.filter(pk=row.pk).update(**{field.name: value})
            except IntegrityError:
                written += 1
            else:
                problems.append(f"{label}: stored {value}")
    assert not problems, "\n".join(problems)
    assert written > 40  # the demo data let most fields be tried for real


# --- Forms ------------------------------------------------------------------------------


def _form_classes():
    for config in apps.get_app_configs():
        if not config.name.startswith("jumelage."):
            continue
        for sub in ("forms", "views", "admin"):
            if module_has_submodule(config.module, sub):
                import_module(f"{config.name}.{sub}")
    seen, stack = [], list(forms.BaseForm.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("jumelage.") and cls not in seen:
            seen.append(cls)
    return seen


def _date_form_fields():
    found = []
    for cls in _form_classes():
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.DateField | forms.DateTimeField) or (
                "DateTime" in type(field).__name__
            ):
                found.append((cls, name, field))
    return found


FORM_FIELDS = _date_form_fields()
OUT_OF_RANGE_TEXT = [
    "0001-01-01",
    "0001-01-01T00:00",
    "0001-01",
    "1999-12-31T23:00",
    "2101-01-01",
    "9999-12-31T23:59",
    "9999-12",
]
IN_RANGE_TEXT = ["2026-10-01", "2026-10-01T10:00", "2026-10"]


def test_the_form_walk_finds_the_forms_of_the_issue():
    names = {f"{cls.__name__}.{name}" for cls, name, _ in FORM_FIELDS}
    assert {
        "TrainingEventForm.registration_deadline",
        "EventForm.start",
        "FindTimeForm.first_day",
        "ScheduleForm.starts_at",
        "ProjectForm.start_date",
        "OfficialTextForm.published_on",
        "PartnerRequestForm.start_month",
    } <= names


@pytest.mark.parametrize(
    ("cls", "name", "field"),
    FORM_FIELDS,
    ids=[f"{cls.__module__}.{cls.__name__}.{name}" for cls, name, _ in FORM_FIELDS],
)
def test_every_date_form_field_refuses_far_dates(cls, name, field):
    accepted = []
    for text in IN_RANGE_TEXT:
        try:
            field.clean(text)
            accepted.append(text)
        except ValidationError:
            pass
    assert accepted, f"{name} parses none of {IN_RANGE_TEXT}"
    for text in OUT_OF_RANGE_TEXT:
        with pytest.raises(ValidationError):
            field.clean(text)


def test_the_range_message_says_what_to_type():
    field = forms.DateField()
    from jumelage.core.fields import DateField

    field = DateField()
    with pytest.raises(ValidationError) as caught:
        field.clean("0001-01-01")
    assert DATE_MIN.isoformat() in str(caught.value) and DATE_MAX.isoformat() in str(caught.value)
