"""The daily figures match the raw rows; the nightly run is incremental and idempotent."""

import datetime as dt

import pytest
from django.db.models import Sum

from jumelage.statistics import materialise
from jumelage.statistics import models as m
from jumelage.statistics.figures import median_days
from jumelage.statistics.models import DailyFigure

from .helpers import MARCH, build_small_world, teacher

pytestmark = pytest.mark.django_db

APRIL_1 = dt.date(2026, 4, 1)


def total(metric, country, key=None, region=None, **days):
    rows = DailyFigure.objects.filter(metric=metric, country=country, region=region, **days)
    if key is not None:
        rows = rows.filter(key=key)
    return rows.aggregate(n=Sum("value"))["n"] or 0


def figures():
    rows = DailyFigure.objects.values_list("day", "country", "region_id", "metric", "key", "value")
    return sorted(rows, key=lambda r: (r[0], r[1], r[2] or 0, r[3], r[4]))


def test_figures_match_the_raw_rows():
    world = build_small_world()
    materialise.refresh(MARCH, dt.date(2026, 3, 31), today=APRIL_1)

    assert total(m.REGISTRATIONS, "FR") == 4
    assert total(m.REGISTRATIONS, "DE") == 1
    assert total(m.REGISTRATIONS, "") == 6
    assert total(m.REGISTRATIONS, "FR", day=dt.date(2026, 3, 2)) == 3
    assert total(m.VERIFICATIONS, "FR") == 3
    assert total(m.VERIFICATIONS, "") == 5
    histogram = {
        int(k): v
        for k, v in DailyFigure.objects.filter(metric=m.VERIFY_DAYS, country="FR").values_list(
            "key", "value"
        )
    }
    assert histogram == {1: 1, 3: 1, 10: 1}
    assert median_days(histogram) == 3
    assert total(m.SCHOOLS_REGISTERED, "FR") == 4

    assert total(m.PROJECTS_FOUNDED, "FR") == 2
    assert total(m.PROJECTS_FOUNDED, "DE") == 1
    assert total(m.PROJECTS_FOUNDED, "") == 2
    assert total(m.PROJECTS_CLOSED, "IT", day=dt.date(2026, 3, 20)) == 1
    assert total(m.PUPILS_ADDED, "FR") == 2
    assert total(m.TRAINING, "FR", key="registered") == 2
    assert total(m.TRAINING, "FR", key="attended") == 1
    assert total(m.TRAINING, "", key="attended") == 1

    # The snapshot: schools by region, projects by status, partners, subjects, ages, pupils.
    first, second = world["regions"]
    assert total(m.SCHOOLS, "FR", region=first) == 2
    assert total(m.SCHOOLS, "FR", key="verified", region=second) == 1
    assert total(m.SCHOOLS, "FR", key="pending", region=second) == 1
    assert total(m.SCHOOLS, "FR") == 4
    assert total(m.PROJECTS, "FR", key="active") == 1
    assert total(m.PROJECTS, "FR", key="closed") == 1
    assert total(m.PROJECTS, "FR", key="active", region=first) == 1
    assert total(m.PROJECTS, "", key="active") == 1
    assert dict(
        DailyFigure.objects.filter(metric=m.PARTNERS, country="FR").values_list("key", "value")
    ) == {"DE": 1, "IT": 1}
    assert total(m.PARTNERS, "", key="FR") == 2
    assert total(m.SUBJECTS, "FR") == 2  # two subjects of the active project
    assert total(m.SUBJECTS, "IT") == 0
    assert total(m.AGES, "FR", key="11") == 1
    assert total(m.AGES, "FR", key="15") == 1
    assert total(m.AGES, "DE", key="15") == 0
    assert total(m.PUPILS, "FR") == 2
    assert total(m.PUPILS, "FR", region=first) == 2
    assert total(m.PUPILS, "DE") == 0
    assert total(m.LABELS, "FR") == 0


def test_refresh_is_idempotent():
    build_small_world()
    materialise.refresh(MARCH, dt.date(2026, 3, 31), today=APRIL_1)
    first = figures()
    materialise.refresh(MARCH, dt.date(2026, 3, 31), today=APRIL_1)
    assert figures() == first


def test_nightly_run_adds_the_new_days_only():
    build_small_world()
    materialise.refresh(MARCH, dt.date(2026, 3, 31), today=APRIL_1)
    march = [f for f in figures() if f[3] in m.FLOWS]
    teacher("FR", dt.date(2026, 4, 1), None)
    teacher("FR", dt.date(2026, 4, 2), None)  # "today" for the run below: not yet

    materialise.refresh_recent(3, today=dt.date(2026, 4, 2))

    assert total(m.REGISTRATIONS, "FR", day=dt.date(2026, 4, 1)) == 1
    assert total(m.REGISTRATIONS, "FR", day=dt.date(2026, 4, 2)) == 0
    assert [f for f in figures() if f[3] in m.FLOWS and f[0] < APRIL_1] == march
    assert materialise.last_materialised_day() == dt.date(2026, 4, 1)
    # Only one snapshot is kept, dated the day of the run.
    assert set(
        DailyFigure.objects.filter(metric__in=m.SNAPSHOTS).values_list("day", flat=True)
    ) == {dt.date(2026, 4, 2)}


def test_first_nightly_run_backfills_from_the_first_registration():
    build_small_world()
    materialise.refresh_recent(3, today=APRIL_1)
    assert total(m.REGISTRATIONS, "FR") == 4


def test_the_celery_task_runs_the_nightly_refresh(settings):
    from jumelage.statistics.tasks import materialise_daily

    build_small_world()
    assert materialise_daily.apply().get() > 0
    assert total(m.REGISTRATIONS, "") >= 6


def test_backfill_command(capsys):
    from django.core.management import call_command

    build_small_world()
    call_command("materialise_statistics", "--since", "2026-03-01", "--until", "2026-03-31")
    assert total(m.VERIFICATIONS, "FR") == 3
    assert "rows" in capsys.readouterr().out


def test_verify_buckets():
    assert materialise.verify_bucket(0) == 0
    assert materialise.verify_bucket(60) == 60
    assert materialise.verify_bucket(75) == 61
    assert materialise.verify_bucket(1000) == 366
