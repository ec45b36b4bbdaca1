"""Finding a meeting time inside every partner school's day.

Each school has a time zone, school days and hours (schools.School); each
country has public holidays (the `holidays` package). A slot is proposed only
when, in every school's own local time, it falls on a school day that is not
a public holiday, and starts and ends within the school's hours. All the
arithmetic is done on aware datetimes, so DST changes are handled by zoneinfo.
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

    @classmethod
    def from_school(cls, school) -> "SchoolDay":
        days = frozenset(int(d) for d in school.school_days.split(",") if d.strip().isdigit())
        return cls(
            school.name, school.country_id, school.timezone, school.day_start, school.day_end, days
        )


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


def holidays_in_range(
    schools: list[SchoolDay], first_day: date, days: int
) -> list[tuple[date, str, str]]:
    """(day, country, holiday name) for the partner countries over the range, to explain gaps."""
    found = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        for country in sorted({s.country for s in schools}):
            name = holiday_name(country, day)
            if name:
                found.append((day, country, name))
    return found
