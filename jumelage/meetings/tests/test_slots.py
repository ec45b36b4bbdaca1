"""The slot finder: inside every school's hours, never on a partner country's holiday, DST-safe."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from jumelage.meetings.slots import SchoolDay, best_slots, find_slots, fits, holiday_name

WEEKDAYS = frozenset({0, 1, 2, 3, 4})
PARIS = SchoolDay("Lycée de Paris", "FR", "Europe/Paris", time(8, 30), time(16, 30), WEEKDAYS)
HELSINKI = SchoolDay("Helsingin koulu", "FI", "Europe/Helsinki", time(8, 0), time(15, 0), WEEKDAYS)
LISBON = SchoolDay("Escola de Lisboa", "PT", "Europe/Lisbon", time(8, 30), time(17, 0), WEEKDAYS)
PARTNERS = [PARIS, HELSINKI, LISBON]


def assert_inside_every_school_day(slots, schools, minutes):
    assert slots, "expected at least one slot"
    for start, end in slots:
        assert (end - start).total_seconds() == minutes * 60
        for school in schools:
            tz = ZoneInfo(school.timezone)
            local_start, local_end = start.astimezone(tz), end.astimezone(tz)
            assert local_start.weekday() in school.school_days
            assert school.day_start <= local_start.time(), (school.name, local_start)
            assert local_end.time() <= school.day_end, (school.name, local_end)
            assert holiday_name(school.country, local_start.date()) is None


def test_slots_are_inside_every_schools_hours_in_winter():
    slots = find_slots(PARTNERS, date(2026, 11, 30), days=5, duration_minutes=60)
    assert_inside_every_school_day(slots, PARTNERS, 60)
    # Winter: Paris 07:30-15:30Z, Helsinki 06:00-13:00Z, Lisbon 08:30-17:00Z -> 08:30-13:00Z.
    starts = {s.astimezone(UTC).time() for s, _ in slots}
    assert min(starts) == time(8, 30)
    assert max(starts) == time(12, 0)
    assert time(13, 0) not in starts


def test_no_slot_on_a_public_holiday_of_any_partner_country():
    # Tuesday 8 December 2026 is a public holiday in Portugal only.
    assert holiday_name("PT", date(2026, 12, 8))
    assert holiday_name("FR", date(2026, 12, 8)) is None
    slots = find_slots(PARTNERS, date(2026, 12, 7), days=5, duration_minutes=45)
    days = {s.astimezone(ZoneInfo("Europe/Lisbon")).date() for s, _ in slots}
    assert date(2026, 12, 8) not in days
    assert {date(2026, 12, 7), date(2026, 12, 9), date(2026, 12, 10), date(2026, 12, 11)} <= days
    assert_inside_every_school_day(slots, PARTNERS, 45)
    # Without Portugal, the 8th is a school day.
    days_without_pt = {
        s.date() for s, _ in find_slots([PARIS, HELSINKI], date(2026, 12, 7), days=5)
    }
    assert date(2026, 12, 8) in days_without_pt


def test_slots_stay_right_across_the_dst_change():
    # Summer time ends on Sunday 25 October 2026 in all three countries.
    slots = find_slots(PARTNERS, date(2026, 10, 22), days=7, duration_minutes=60)
    assert_inside_every_school_day(slots, PARTNERS, 60)
    before = {s.time() for s, _ in slots if s.date() == date(2026, 10, 23)}
    after = {s.time() for s, _ in slots if s.date() == date(2026, 10, 26)}
    # Summer: Paris 06:30-14:30Z, Helsinki 05:00-12:00Z, Lisbon 07:30-16:00Z -> 07:30-12:00Z.
    assert min(before) == time(7, 30) and max(before) == time(11, 0)
    # Winter, one hour later in UTC: 08:30-13:00Z.
    assert min(after) == time(8, 30) and max(after) == time(12, 0)
    # No slot at the weekend.
    assert not [s for s, _ in slots if s.weekday() >= 5]


def test_a_slot_across_a_schools_day_end_does_not_fit():
    start = datetime(2026, 11, 30, 13, 30, tzinfo=UTC)  # 15:30 in Helsinki
    assert not fits(HELSINKI, start, start.replace(hour=14))
    assert fits(PARIS, start, start.replace(hour=14))


@pytest.mark.parametrize("days", [frozenset({0, 1, 3, 4})])
def test_school_days_are_respected(days):
    no_wednesday = SchoolDay("École", "FR", "Europe/Paris", time(8, 30), time(16, 30), days)
    slots = find_slots([no_wednesday], date(2026, 11, 30), days=5)
    assert slots and not [s for s, _ in slots if s.weekday() == 2]


def test_the_best_slots_are_one_a_day_and_away_from_every_schools_bells():
    # Nine days with Armistice (11 November, France): six school days for everyone.
    every = find_slots(PARTNERS, date(2026, 11, 9), days=9, duration_minutes=45)
    assert len(every) > 50
    best = best_slots(PARTNERS, every, count=5)
    assert len(best) == 5 and len({start.date() for start, _ in best}) == 5
    assert best == sorted(best)
    for start, end in best:
        # Lisbon opens at 8:30 UTC and Helsinki closes at 15:00 EET = 13:00 UTC: a 45-minute
        # slot is farthest from both at 10:15–10:30 UTC; the earlier one wins the tie.
        assert (start.hour, start.minute) == (10, 15)
        assert (end - start).total_seconds() == 45 * 60


def test_a_schools_holidays_close_only_that_school():
    from dataclasses import replace

    closed = replace(HELSINKI, closed=((date(2026, 11, 10), date(2026, 11, 12), "Syysloma"),))
    slots = find_slots([PARIS, closed], date(2026, 11, 9), days=5)
    days = {start.date() for start, _ in slots}
    assert days == {date(2026, 11, 9), date(2026, 11, 13)}
    assert closed.school_holiday(date(2026, 11, 11)) == "Syysloma"
    assert PARIS.school_holiday(date(2026, 11, 11)) is None
