"""Chinese official working-day arithmetic.

Statutory time limits for government information disclosure (e.g. "answer an
application within 20 working days", "publish within 20 working days of the
information being formed") are counted in working days following the State
Council holiday calendar, including the make-up working weekends (调休).

The official calendar comes from the ``chinesecalendar`` package
(import name ``chinese_calendar``).  Years that the installed package does not
cover fall back to an arrangement embedded below (if any) and otherwise to a
plain Monday-Friday week, so callers never get an exception for an uncovered
year.  Site-specific exceptions (e.g. a local emergency closure) can be passed
as ``overrides``: a mapping of ``date`` -> ``True`` (working day) /
``False`` (day off), which always wins over the calendar.

Working days are cached per year as a sorted tuple of date ordinals, so counting
and deadline computation are a handful of binary searches per call.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.utils import timezone

import chinese_calendar

from core.models import WorkingDayOverride

__all__ = [
    "add_working_days",
    "calendar_overrides",
    "has_official_data",
    "is_working_day",
    "local_date",
    "working_days_between",
    "working_days_late",
]

Overrides = Mapping[date, bool] | None


def _date_range(first: str, last: str) -> frozenset[date]:
    start = date.fromisoformat(first)
    stop = date.fromisoformat(last)
    return frozenset(date.fromordinal(o) for o in range(start.toordinal(), stop.toordinal() + 1))


def _dates(*isos: str) -> frozenset[date]:
    return frozenset(date.fromisoformat(s) for s in isos)


# Fallback arrangements for years the installed chinese_calendar may not cover.
# Only used when the package raises NotImplementedError for the year; the
# package's own data always takes precedence.  Each entry is
# (days off on what would otherwise be weekdays or weekends, make-up working days).
#
# 2026: 国务院办公厅关于2026年部分节假日安排的通知 (issued 2025-11-04).
#   元旦 1/1-1/3, 1/4 (Sun) work; 春节 2/15-2/23, 2/14 (Sat) and 2/28 (Sat) work;
#   清明 4/4-4/6; 劳动节 5/1-5/5, 5/9 (Sat) work; 端午 6/19-6/21;
#   中秋 9/25-9/27; 国庆 10/1-10/7, 9/20 (Sun) and 10/10 (Sat) work.
# chinesecalendar 1.11.0 already contains exactly this data.
_EMBEDDED_ARRANGEMENTS: dict[int, tuple[frozenset[date], frozenset[date]]] = {
    2026: (
        _date_range("2026-01-01", "2026-01-03")
        | _date_range("2026-02-15", "2026-02-23")
        | _date_range("2026-04-04", "2026-04-06")
        | _date_range("2026-05-01", "2026-05-05")
        | _date_range("2026-06-19", "2026-06-21")
        | _date_range("2026-09-25", "2026-09-27")
        | _date_range("2026-10-01", "2026-10-07"),
        _dates(
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
        ),
    ),
}


def _as_date(value: date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected datetime.date, got {type(value).__name__}")


def _year_days(year: int) -> range:
    first = date(year, 1, 1).toordinal()
    last = date(year, 12, 31).toordinal()
    return range(first, last + 1)


def _package_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def has_official_data(year: int) -> bool:
    """Whether the holiday arrangement of ``year`` is known (package or embedded), not a Monday-Friday guess."""
    return _package_covers(year) or year in _EMBEDDED_ARRANGEMENTS


@lru_cache(maxsize=512)
def _working_ordinals(year: int) -> tuple[int, ...]:
    """Sorted ordinals of the official working days of ``year``."""
    days = _year_days(year)
    if _package_covers(year):
        is_workday = chinese_calendar.is_workday
        return tuple(o for o in days if is_workday(date.fromordinal(o)))
    off, on = _EMBEDDED_ARRANGEMENTS.get(year, (frozenset(), frozenset()))
    off_ords = {d.toordinal() for d in off}
    on_ords = {d.toordinal() for d in on}
    # date.fromordinal(o).weekday() == (o - 1) % 7 (ordinal 1 is a Monday).
    return tuple(o for o in days if o in on_ords or ((o - 1) % 7 < 5 and o not in off_ords))


@lru_cache(maxsize=512)
def _working_set(year: int) -> frozenset[int]:
    return frozenset(_working_ordinals(year))


def _official(day: date) -> bool:
    return day.toordinal() in _working_set(day.year)


def is_working_day(day: date, overrides: Overrides = None) -> bool:
    """Return whether ``day`` is an official working day.

    ``overrides`` (date -> True for working day / False for day off) win over the
    official calendar; keys must be ``datetime.date`` (not ``datetime``).  Years
    not covered by the calendar data fall back to Monday-Friday.
    """
    day = _as_date(day)
    if overrides:
        value = overrides.get(day)
        if value is not None:
            return bool(value)
    return _official(day)


def working_days_between(start: date, end: date, overrides: Overrides = None) -> int:
    """Number of working days after ``start`` up to and including ``end``.

    Returns 0 if ``end <= start``.  This is how "published N working days after
    it was formed" is measured: formed on a Friday and published the following
    Monday is 1 working day.
    """
    start = _as_date(start)
    end = _as_date(end)
    if end <= start:
        return 0
    s_ord = start.toordinal()
    e_ord = end.toordinal()
    count = 0
    for year in range(start.year, end.year + 1):
        ords = _working_ordinals(year)
        count += bisect_right(ords, e_ord) - bisect_right(ords, s_ord)
    if overrides:
        for raw_day, value in overrides.items():
            day = _as_date(raw_day)
            if start < day <= end:
                official = _official(day)
                if bool(value) != official:
                    count += 1 if value else -1
    return count


def add_working_days(start: date, n: int, overrides: Overrides = None) -> date:
    """Return the date that is the ``n``-th working day after ``start``.

    ``start`` itself is never counted, whether or not it is a working day; an
    application received on ``start`` must be answered by
    ``add_working_days(start, 20)``.  ``n == 0`` returns ``start`` unchanged and a
    negative ``n`` counts backwards (the ``|n|``-th working day before ``start``).
    """
    start = _as_date(start)
    n = int(n)
    if n == 0:
        return start
    if overrides:
        return _add_with_overrides(start, n, overrides)

    s_ord = start.toordinal()
    year = start.year
    if n > 0:
        ords = _working_ordinals(year)
        idx = bisect_right(ords, s_ord)
        remaining = n
        while True:
            available = len(ords) - idx
            if remaining <= available:
                return date.fromordinal(ords[idx + remaining - 1])
            remaining -= available
            year += 1
            ords = _working_ordinals(year)
            idx = 0
    else:
        ords = _working_ordinals(year)
        idx = bisect_left(ords, s_ord)  # number of working days before start
        remaining = -n
        while True:
            if remaining <= idx:
                return date.fromordinal(ords[idx - remaining])
            remaining -= idx
            year -= 1
            ords = _working_ordinals(year)
            idx = len(ords)


def _add_with_overrides(start: date, n: int, overrides: Mapping) -> date:
    # Overrides are rare and n is normally small (20 or so), so a day loop is fine.
    forced = {_as_date(k): bool(v) for k, v in overrides.items()}
    step = timedelta(days=1 if n > 0 else -1)
    remaining = abs(n)
    day = start
    while remaining:
        day += step
        working = forced.get(day)
        if working is None:
            working = day.toordinal() in _working_set(day.year)
        if working:
            remaining -= 1
    return day


def calendar_overrides():
    """The administrator's working-day overrides: date -> is working day."""
    return dict(WorkingDayOverride.objects.values_list("day", "is_working_day"))


def local_date(value):
    """The local (Asia/Shanghai) calendar date of a date or datetime; None stays None."""
    if value is None:
        return None
    if hasattr(value, "hour"):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def working_days_late(formed_on, published_at, overrides=None):
    """Working days between forming and publishing a document, or None when unpublished."""
    published = local_date(published_at)
    if formed_on is None or published is None:
        return None
    return working_days_between(formed_on, published, overrides)
