"""Finding a meeting time inside every partner school's day.

Each school has a time zone, school days and hours (schools.School); each
country has public holidays (the `holidays` package). A slot is proposed only
when, in every school's own local time, it falls on a school day that is not
a public holiday or inside the school's holidays (schools.SchoolHoliday), and starts
and ends within the school's hours. All the arithmetic is done on aware datetimes, so DST
changes are handled by zoneinfo. Teachers are offered the few best slots, not every
quarter of an hour: one a day, as far from every school's day edges as possible.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

UTC = ZoneInfo("UTC")


@dataclass(frozen=True)
class SchoolDay:
    """What the slot finder needs to know about one school."""

    name: str
    country: str
    timezone: str
    day_start: time
    day_end: time
    school_days: frozenset[int]
    # (first day, last day, name) of the school's holidays: local dates, inclusive.
    closed: tuple[tuple[date, date, str], ...] = ()

    @classmethod
    def from_school(cls, school, school_holidays=()) -> "SchoolDay":
        days = frozenset(int(d) for d in school.school_days.split(",") if d.strip().isdigit())
        closed = tuple(
            (h.first_day, h.last_day, h.name) for h in school_holidays if h.applies_to(school)
        )
        return cls(
            school.name,
            school.country_id,
            school.timezone,
            school.day_start,
            school.day_end,
            days,
            closed,
        )

    def school_holiday(self, day: date) -> str | None:
        return next((name for first, last, name in self.closed if first <= day <= last), None)


@lru_cache(maxsize=256)
def _holidays(country: str, year: int):
    try:
        return holidays.country_holidays(country, years=year)
    except NotImplementedError:
        return {}


def holiday_name(country: str, day: date) -> str | None:
    return _holidays(country, day.year).get(day)


def fits(school: SchoolDay, start: datetime, end: datetime) -> bool:
    tz = ZoneInfo(school.timezone)
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    day = local_start.date()
    return (
        local_end.date() == day
        and day.weekday() in school.school_days
        and holiday_name(school.country, day) is None
        and school.school_holiday(day) is None
        and school.day_start <= local_start.time()
        and local_end.time() <= school.day_end
    )


def find_slots(
    schools: list[SchoolDay],
    first_day: date,
    days: int = 7,
    duration_minutes: int = 45,
    step_minutes: int = 15,
    limit: int = 200,
) -> list[tuple[datetime, datetime]]:
    """UTC (start, end) pairs inside every school's day, from first_day (UTC) for `days` days."""
    if not schools:
        return []
    duration = timedelta(minutes=duration_minutes)
    step = timedelta(minutes=step_minutes)
    cursor = datetime.combine(first_day, time(0), tzinfo=UTC)
    stop = cursor + timedelta(days=days)
    slots = []
    while cursor + duration <= stop and len(slots) < limit:
        end = cursor + duration
        if all(fits(school, cursor, end) for school in schools):
            slots.append((cursor, end))
        cursor += step
    return slots


def margin_minutes(schools: list[SchoolDay], start: datetime, end: datetime) -> float:
    """How far the slot stays from the start or end of the tightest school's day."""
    margins = []
    for school in schools:
        tz = ZoneInfo(school.timezone)
        local_start, local_end = start.astimezone(tz), end.astimezone(tz)
        day = local_start.date()
        opens = datetime.combine(day, school.day_start, tzinfo=tz)
        closes = datetime.combine(day, school.day_end, tzinfo=tz)
        margins.append(min(local_start - opens, closes - local_end).total_seconds() / 60)
    return min(margins)


def best_slots(
    schools: list[SchoolDay], slots: list[tuple[datetime, datetime]], count: int = 5
) -> list[tuple[datetime, datetime]]:
    """The `count` most comfortable slots, one a day, in time order.

    A slot at 8:30 in one school and 16:15 in another fits, but nobody would pick it: the
    best slot of a day is the one farthest from every school's first and last bell."""
    best_of_day: dict[date, tuple[float, tuple[datetime, datetime]]] = {}
    for start, end in slots:
        margin = margin_minutes(schools, start, end)
        kept = best_of_day.get(start.date())
        if kept is None or margin > kept[0]:
            best_of_day[start.date()] = (margin, (start, end))
    ranked = sorted(best_of_day.values(), key=lambda item: (-item[0], item[1][0]))
    return sorted(slot for _, slot in ranked[:count])


def holidays_in_range(
    schools: list[SchoolDay], first_day: date, days: int
) -> list[tuple[date, str, str]]:
    """(day, who, holiday name) over the range, to explain gaps: a partner country's public
    holidays, and each school's holidays (once per period, on its first day in the range)."""
    found = []
    last_day = first_day + timedelta(days=days - 1)
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        for country in sorted({s.country for s in schools}):
            name = holiday_name(country, day)
            if name:
                found.append((day, country, name))
    for school in schools:
        for first, last, name in school.closed:
            if first <= last_day and last >= first_day:
                found.append((max(first, first_day), school.name, name))
    return sorted(found, key=lambda item: (item[0], item[1]))
