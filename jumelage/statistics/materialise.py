"""Compute the daily figures from the raw rows: grouped queries, one pass per metric.

`refresh(start, end)` rewrites the flows of the days start..end and the current
snapshot in one transaction: running it twice gives the same rows (idempotent),
and the nightly task only passes the last few days (incremental).
"""

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Min, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from jumelage.accounts.models import TeacherProfile, User
from jumelage.projects.models import Membership, Project
from jumelage.schools.models import School
from jumelage.training.models import Registration

from . import models as m
from .models import EUROPE, DailyFigure, MonthlyFigure

GENERATION_KEY = "statistics:generation"  # read by figures.page

# Days from registration to verification: one bucket a day up to LAST_DAY_BUCKET,
# then a few wide buckets (key = their first day), so the median stays exact for
# the usual case and the histogram small.
LAST_DAY_BUCKET = 60
WIDE_BUCKETS = (61, 91, 181, 366)
FOUNDED_STATUSES = (Project.Status.ACTIVE, Project.Status.CLOSED, Project.Status.ARCHIVED)

# Extra flow sources: fn(start_dt, end_dt) -> iterable of (day, country, metric, key,
# value). The quality-labels app (not written yet) registers its LABELS source here.
SOURCES: list[Callable] = []


def register_source(source: Callable) -> None:
    """Add a flow source (e.g. quality labels awarded per day); call in AppConfig.ready()."""
    if source not in SOURCES:
        SOURCES.append(source)


def verify_bucket(days: int) -> int:
    if days <= LAST_DAY_BUCKET:
        return max(days, 0)
    return max(b for b in WIDE_BUCKETS if b <= days)


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    low = dt.datetime.combine(start, dt.time.min).replace(tzinfo=tz)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min).replace(tzinfo=tz)
    return low, high


def _per_country(rows, metric, key="") -> Iterable[tuple]:
    """(day, country, n) rows, plus nothing else: the Europe total is queried apart."""
    for row in rows:
        if row["country"]:
            yield (row["day"], row["country"], metric, key, row["n"])


def _flows(start: dt.date, end: dt.date) -> list[tuple]:
    """(day, country, metric, key, value) of every flow of the days start..end."""
    low, high = _bounds(start, end)
    out: list[tuple] = []
    day = TruncDate("date_joined")

    # Teachers registered: in each country of their schools; Europe counts them once.
    teachers = User.objects.filter(
        kind=User.Kind.TEACHER, date_joined__gte=low, date_joined__lt=high
    )
    out += _per_country(
        teachers.values(day=day, country=F("school_memberships__school__country")).annotate(
            n=Count("id", distinct=True)
        ),
        m.REGISTRATIONS,
    )
    out += [
        (r["day"], EUROPE, m.REGISTRATIONS, "", r["n"])
        for r in teachers.values(day=day).annotate(n=Count("id"))
    ]

    # Verifications and the time they took (from registration to verification).
    verified = TeacherProfile.objects.filter(verified_at__gte=low, verified_at__lt=high)
    seen = set()
    counts: Counter = Counter()
    tz = timezone.get_current_timezone()
    for user_id, verified_at, joined, country in verified.values_list(
        "user_id", "verified_at", "user__date_joined", "user__school_memberships__school__country"
    ).iterator(chunk_size=5000):
        vday = timezone.localtime(verified_at, tz).date()
        bucket = str(verify_bucket((verified_at - joined).days))
        for place in (EUROPE, country):
            if place is None or (user_id, place) in seen:
                continue
            seen.add((user_id, place))
            counts[(vday, place, m.VERIFICATIONS, "")] += 1
            counts[(vday, place, m.VERIFY_DAYS, bucket)] += 1
    out += [(*k, v) for k, v in counts.items()]

    schools = School.objects.filter(created_at__gte=low, created_at__lt=high)
    sday = TruncDate("created_at")
    out += _per_country(
        schools.values("country", day=sday).annotate(n=Count("id")), m.SCHOOLS_REGISTERED
    )
    out += [
        (r["day"], EUROPE, m.SCHOOLS_REGISTERED, "", r["n"])
        for r in schools.values(day=sday).annotate(n=Count("id"))
    ]

    # Projects: in each country with a member school; Europe counts each once.
    for metric, field in ((m.PROJECTS_FOUNDED, "activated_at"), (m.PROJECTS_CLOSED, "closed_at")):
        projects = Project.objects.filter(**{f"{field}__gte": low, f"{field}__lt": high})
        pday = TruncDate(field)
        out += _per_country(
            projects.values(day=pday, country=F("memberships__school__country")).annotate(
                n=Count("id", distinct=True)
            ),
            metric,
        )
        out += [
            (r["day"], EUROPE, metric, "", r["n"])
            for r in projects.values(day=pday).annotate(n=Count("id"))
        ]

    # Pupil accounts created, in the country of their school.
    pupils = User.objects.filter(kind=User.Kind.PUPIL, date_joined__gte=low, date_joined__lt=high)
    out += _per_country(
        pupils.values(day=day, country=F("school_memberships__school__country")).annotate(
            n=Count("id", distinct=True)
        ),
        m.PUPILS_ADDED,
    )
    out += [
        (r["day"], EUROPE, m.PUPILS_ADDED, "", r["n"])
        for r in pupils.values(day=day).annotate(n=Count("id"))
    ]

    # Training: places taken and attendance, on the day the event ended, where it was
    # held (European events count for Europe only).
    places = Registration.objects.filter(
        status=Registration.Status.REGISTERED, event__ends_at__gte=low, event__ends_at__lt=high
    )
    eday = TruncDate("event__ends_at")
    for key, rows in (("registered", places), ("attended", places.filter(attended=True))):
        out += _per_country(
            rows.values(day=eday, country=F("event__country")).annotate(n=Count("id")),
            m.TRAINING,
            key,
        )
        out += [
            (r["day"], EUROPE, m.TRAINING, key, r["n"])
            for r in rows.values(day=eday).annotate(n=Count("id"))
        ]

    for source in SOURCES:
        out += list(source(low, high))
    return out


def _snapshot() -> list[tuple]:
    """(country, region_id, metric, key, value) of the state now."""
    out: list[tuple] = []
    totals: Counter = Counter()
    for r in School.objects.values("country", "region", "status").annotate(n=Count("id")):
        if r["region"]:
            out.append((r["country"], r["region"], m.SCHOOLS, r["status"], r["n"]))
        totals[(r["country"], r["status"])] += r["n"]
        totals[(EUROPE, r["status"])] += r["n"]
    out += [(c, None, m.SCHOOLS, status, n) for (c, status), n in totals.items()]

    # One pass over (project, country, region) of member schools; the rest in memory.
    places: dict[int, set] = defaultdict(set)
    for pid, country, region in (
        Membership.objects.filter(school__isnull=False)
        .values_list("project_id", "school__country", "school__region")
        .distinct()
        .iterator(chunk_size=10000)
    ):
        places[pid].add((country, region))
    status_counts: Counter = Counter()
    partner_counts: Counter = Counter()
    founded: dict[int, set] = {}
    for pid, status in Project.objects.values_list("id", "status").iterator(chunk_size=10000):
        where = places.get(pid, set())
        countries = {c for c, _ in where}
        for key in {(EUROPE, None), *((c, None) for c in countries), *where}:
            status_counts[(*key, status)] += 1
        if status in FOUNDED_STATUSES:
            founded[pid] = countries
            for c in countries:
                partner_counts[(EUROPE, c)] += 1
                for other in countries - {c}:
                    partner_counts[(c, other)] += 1
    out += [(c, r, m.PROJECTS, s, n) for (c, r, s), n in status_counts.items()]
    out += [(c, None, m.PARTNERS, other, n) for (c, other), n in partner_counts.items()]

    subjects: Counter = Counter()
    for pid, code in Project.subjects.through.objects.values_list(
        "project_id", "subject_id"
    ).iterator(chunk_size=10000):
        if pid in founded:
            for c in (EUROPE, *founded[pid]):
                subjects[(c, code)] += 1
    out += [(c, None, m.SUBJECTS, code, n) for (c, code), n in subjects.items()]

    ages: Counter = Counter()
    for pid, low, high in Project.objects.filter(status__in=FOUNDED_STATUSES).values_list(
        "id", "age_min", "age_max"
    ):
        for age in range(low, min(high, 19) + 1):
            for c in (EUROPE, *founded.get(pid, ())):
                ages[(c, str(age))] += 1
    out += [(c, None, m.AGES, age, n) for (c, age), n in ages.items()]

    pupils: Counter = Counter()
    in_projects = Membership.objects.filter(role=Membership.Role.PUPIL, school__isnull=False)
    for r in in_projects.values("school__country", "school__region").annotate(
        n=Count("user", distinct=True)
    ):
        if r["school__region"]:
            out.append((r["school__country"], r["school__region"], m.PUPILS, "", r["n"]))
        pupils[r["school__country"]] += r["n"]
    for c, n in pupils.items():
        out.append((c, None, m.PUPILS, "", n))
    europe = in_projects.aggregate(n=Count("user", distinct=True))["n"]
    out.append((EUROPE, None, m.PUPILS, "", europe))
    return out


def first_day() -> dt.date | None:
    """The day of the first registration: where a backfill starts."""
    first = User.objects.aggregate(first=Min("date_joined"))["first"]
    return timezone.localtime(first).date() if first else None


def last_materialised_day() -> dt.date | None:
    row = (
        DailyFigure.objects.filter(metric=m.REGISTRATIONS, country=EUROPE, region=None)
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )
    return row


def refresh(start: dt.date, end: dt.date, *, today: dt.date | None = None) -> int:
    """Rewrite the flows of start..end and the snapshot (dated `today`). Returns rows written.

    The Europe registration row is written for every day of the range (zero if
    nobody registered) so that the next run knows where the last one stopped.
    """
    today = today or timezone.localdate()
    flows = _flows(start, end)
    snapshot = _snapshot()
    rows = [
        DailyFigure(day=d, country=c, metric=metric, key=k, value=v)
        for d, c, metric, k, v in flows
        if v
    ]
    marked = {r.day for r in rows if r.metric == m.REGISTRATIONS and r.country == EUROPE}
    day = start
    while day <= end:
        if day not in marked:
            rows.append(DailyFigure(day=day, country=EUROPE, metric=m.REGISTRATIONS, value=0))
        day += dt.timedelta(days=1)
    rows += [
        DailyFigure(day=today, country=c, region_id=r, metric=metric, key=k, value=v)
        for c, r, metric, k, v in snapshot
        if v
    ]
    with transaction.atomic():
        DailyFigure.objects.filter(metric__in=m.FLOWS, day__gte=start, day__lte=end).delete()
        DailyFigure.objects.filter(metric__in=m.SNAPSHOTS).delete()
        DailyFigure.objects.bulk_create(rows, batch_size=5000)
        roll_up(start, end)
    # The pages cached from the figures before this run are not read again.
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    return len(rows)


def _month_after(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def roll_up(start: dt.date, end: dt.date) -> int:
    """Sum again, from the daily rows, the monthly figures of the months of start..end."""
    first, after = start.replace(day=1), _month_after(end)
    daily = DailyFigure.objects.filter(
        metric__in=m.FLOWS, region=None, day__gte=first, day__lt=after
    )
    rows = []
    for r in (
        daily.annotate(month=TruncMonth("day"))
        .values("country", "metric", "key", "month")
        .annotate(total=Sum("value"))
        .iterator(chunk_size=10000)
    ):
        month = r["month"].date() if isinstance(r["month"], dt.datetime) else r["month"]
        rows.append(
            MonthlyFigure(
                month=month,
                country=r["country"],
                metric=r["metric"],
                key=r["key"],
                value=r["total"],
            )
        )
    with transaction.atomic():
        MonthlyFigure.objects.filter(month__gte=first, month__lt=after).delete()
        MonthlyFigure.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def refresh_recent(days: int, *, today: dt.date | None = None) -> int:
    """The nightly run: from the last materialised day (minus `days` - 1, to catch
    late changes) to yesterday; everything since the first registration the first time."""
    today = today or timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    last = last_materialised_day()
    if last is None:
        start = first_day() or yesterday
    else:
        start = min(last, yesterday) - dt.timedelta(days=max(days - 1, 0))
    return refresh(min(start, yesterday), yesterday, today=today)
