"""Tests for disclosure.workdays (pure Python, no database)."""

import random
from datetime import date, datetime, timedelta

import chinese_calendar
import pytest

from core import calendar as workdays
from core.calendar import add_working_days, is_working_day, working_days_between


def _days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _brute_between(start, end, overrides=None):
    return sum(1 for day in _days(start + timedelta(days=1), end) if is_working_day(day, overrides))


# --- 2025 -------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 1, 26),  # Sunday, make-up working day for Spring Festival
        date(2025, 2, 8),  # Saturday, make-up working day for Spring Festival
        date(2025, 4, 27),  # Sunday, make-up working day for Labour Day
        date(2025, 9, 28),  # Sunday, make-up working day for National Day
        date(2025, 10, 11),  # Saturday, make-up working day for National Day
        date(2025, 10, 9),  # ordinary Thursday right after the holiday
        date(2025, 3, 3),  # ordinary Monday
    ],
)
def test_2025_working_days(day):
    assert is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 1, 1),
        *_days(date(2025, 1, 28), date(2025, 2, 4)),  # Spring Festival
        date(2025, 4, 4),
        date(2025, 5, 5),
        date(2025, 6, 2),
        *_days(date(2025, 10, 1), date(2025, 10, 8)),  # National Day + Mid-Autumn
        date(2025, 3, 1),  # ordinary Saturday
        date(2025, 3, 2),  # ordinary Sunday
    ],
)
def test_2025_days_off(day):
    assert not is_working_day(day)


# --- 2026 -------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 4),  # Sunday, make-up working day for New Year
        date(2026, 2, 14),  # Saturday, make-up working day for Spring Festival
        date(2026, 2, 28),  # Saturday, make-up working day for Spring Festival
        date(2026, 5, 9),  # Saturday, make-up working day for Labour Day
        date(2026, 9, 20),  # Sunday, make-up working day for National Day
        date(2026, 10, 10),  # Saturday, make-up working day for National Day
        date(2026, 2, 24),  # first ordinary working day after Spring Festival
        date(2026, 10, 8),  # first ordinary working day after National Day
    ],
)
def test_2026_working_days(day):
    assert is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        *_days(date(2026, 1, 1), date(2026, 1, 3)),
        *_days(date(2026, 2, 15), date(2026, 2, 23)),  # Spring Festival, 9 days
        date(2026, 4, 6),
        *_days(date(2026, 5, 1), date(2026, 5, 5)),
        date(2026, 6, 19),
        date(2026, 9, 25),
        *_days(date(2026, 10, 1), date(2026, 10, 7)),
    ],
)
def test_2026_days_off(day):
    assert not is_working_day(day)


def test_embedded_2026_arrangement_matches_package():
    """The embedded fallback for 2026 agrees with chinesecalendar's data."""
    try:
        chinese_calendar.is_workday(date(2026, 1, 1))
    except NotImplementedError:
        pytest.skip("installed chinesecalendar does not cover 2026")
    off, on = workdays._EMBEDDED_ARRANGEMENTS[2026]
    for day in _days(date(2026, 1, 1), date(2026, 12, 31)):
        expected = chinese_calendar.is_workday(day)
        embedded = day in on or (day.weekday() < 5 and day not in off)
        assert embedded == expected, day


def test_year_sets_match_package_for_every_day_2024_2026():
    for day in _days(date(2024, 1, 1), date(2026, 12, 31)):
        assert is_working_day(day) == chinese_calendar.is_workday(day), day


# --- working_days_between -----------------------------------------------------


def test_between_across_spring_festival_2025():
    # After Fri 24 Jan: Sun 26 (make-up), Mon 27, [28 Jan - 4 Feb off],
    # Wed 5, Thu 6, Fri 7, Sat 8 (make-up), [Sun 9 off], Mon 10 -> 7.
    assert working_days_between(date(2025, 1, 24), date(2025, 2, 10)) == 7


def test_between_across_spring_festival_2026():
    # After Fri 13 Feb: Sat 14 (make-up), [15-23 off], 24, 25, 26, 27,
    # Sat 28 (make-up) -> 6.
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 28)) == 6


def test_between_across_national_day_2025():
    # After Fri 26 Sep: Sun 28 (make-up), Mon 29, Tue 30, [1-8 Oct off],
    # Thu 9, Fri 10 -> 5.
    assert working_days_between(date(2025, 9, 26), date(2025, 10, 10)) == 5
    assert working_days_between(date(2025, 9, 30), date(2025, 10, 8)) == 0


def test_between_counts_after_start_up_to_and_including_end():
    assert working_days_between(date(2025, 3, 7), date(2025, 3, 10)) == 1  # Fri->Mon
    assert working_days_between(date(2025, 3, 3), date(2025, 3, 4)) == 1
    assert working_days_between(date(2025, 3, 3), date(2025, 3, 3)) == 0
    assert working_days_between(date(2025, 3, 10), date(2025, 3, 3)) == 0


def test_between_across_years_matches_brute_force():
    assert working_days_between(date(2024, 12, 20), date(2026, 1, 10)) == (
        _brute_between(date(2024, 12, 20), date(2026, 1, 10))
    )
    rng = random.Random(20250101)
    for _ in range(200):
        start = date(2023, 6, 1) + timedelta(days=rng.randrange(1100))
        end = start + timedelta(days=rng.randrange(-5, 120))
        assert working_days_between(start, end) == _brute_between(start, end)


def test_between_accepts_datetimes():
    assert working_days_between(datetime(2025, 1, 24, 17, 30), datetime(2025, 2, 10, 9)) == 7


# --- add_working_days ------------------------------------------------------------


def test_add_twenty_working_days_across_national_day_2025():
    # Sep 28 (Sun make-up), 29, 30, Oct 9, 10, 11 (Sat make-up) = 6,
    # Oct 13-17 = 11, Oct 20-24 = 16, Oct 27-30 = 20.
    assert add_working_days(date(2025, 9, 26), 20) == date(2025, 10, 30)


def test_add_working_days_across_spring_festival():
    assert add_working_days(date(2025, 1, 24), 1) == date(2025, 1, 26)
    assert add_working_days(date(2025, 1, 27), 1) == date(2025, 2, 5)
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)


def test_add_from_a_holiday_and_zero_and_negative():
    assert add_working_days(date(2025, 10, 3), 1) == date(2025, 10, 9)
    assert add_working_days(date(2025, 10, 3), 0) == date(2025, 10, 3)
    assert add_working_days(date(2025, 10, 30), -20) == date(2025, 9, 26)
    assert add_working_days(date(2025, 2, 5), -1) == date(2025, 1, 27)


def test_add_across_year_boundary():
    # 2025-12-31 (Wed) -> [2026-01-01..03 off] -> Sun 4 Jan (make-up working day).
    assert add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 4)
    assert add_working_days(date(2026, 1, 4), -1) == date(2025, 12, 31)


def test_add_and_between_are_consistent():
    rng = random.Random(7)
    for _ in range(300):
        start = date(2023, 1, 1) + timedelta(days=rng.randrange(1400))
        n = rng.randrange(1, 300)
        result = add_working_days(start, n)
        assert is_working_day(result)
        assert working_days_between(start, result) == n
        assert working_days_between(start, result - timedelta(days=1)) == n - 1


# --- overrides -------------------------------------------------------------------

OVERRIDES = {
    date(2025, 3, 3): False,  # Monday closed (e.g. local emergency)
    date(2025, 3, 8): True,  # Saturday worked instead
    date(2025, 3, 10): True,  # already a working day: no effect
}


def test_overrides_win_over_calendar():
    assert not is_working_day(date(2025, 3, 3), OVERRIDES)
    assert is_working_day(date(2025, 3, 8), OVERRIDES)
    assert is_working_day(date(2025, 3, 10), OVERRIDES)
    assert is_working_day(date(2025, 3, 3))  # without overrides
    assert is_working_day(date(2025, 10, 1), {date(2025, 10, 1): True})
    assert not is_working_day(date(2025, 1, 26), {date(2025, 1, 26): False})


def test_overrides_in_between_and_add():
    start, end = date(2025, 2, 28), date(2025, 3, 14)
    assert working_days_between(start, end) == 10
    assert working_days_between(start, end, OVERRIDES) == 10  # -1 + 1
    assert working_days_between(start, date(2025, 3, 7), OVERRIDES) == 4
    assert working_days_between(start, end, {date(2025, 3, 3): False}) == 9
    # Overrides outside the range are ignored.
    assert working_days_between(date(2025, 3, 3), end, OVERRIDES) == 10
    assert add_working_days(start, 1, OVERRIDES) == date(2025, 3, 4)
    assert add_working_days(start, 5, OVERRIDES) == date(2025, 3, 8)
    assert add_working_days(date(2025, 3, 10), -2, OVERRIDES) == date(2025, 3, 7)
    rng = random.Random(3)
    for _ in range(100):
        s = date(2025, 2, 1) + timedelta(days=rng.randrange(60))
        n = rng.randrange(1, 40)
        result = add_working_days(s, n, OVERRIDES)
        assert is_working_day(result, OVERRIDES)
        assert working_days_between(s, result, OVERRIDES) == n
        assert working_days_between(s, result, OVERRIDES) == _brute_between(s, result, OVERRIDES)


# --- years outside the package range ---------------------------------------------


@pytest.mark.parametrize("year", [1990, 2099])
def test_years_outside_package_fall_back_to_monday_to_friday(year):
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(year, 1, 1))
    for day in _days(date(year, 9, 25), date(year, 10, 15)):
        assert is_working_day(day) == (day.weekday() < 5)
    # 1 Oct 2099 is a Thursday: no National Day data, so it counts.
    assert working_days_between(date(2099, 9, 30), date(2099, 10, 2)) == 2
    assert add_working_days(date(2099, 10, 2), 1) == date(2099, 10, 5)


def test_range_spanning_into_uncovered_years():
    start, end = date(2026, 12, 1), date(2027, 2, 28)
    assert working_days_between(start, end) == _brute_between(start, end)
    assert working_days_between(start, add_working_days(start, 60)) == 60
