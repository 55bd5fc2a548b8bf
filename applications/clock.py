"""The statutory clock of an application, on official working days (holidays and 调休 included).

Pure arithmetic on dates: the models feed it what happened (received, 补正 asked and received,
third-party consultations, an approved extension) and store what it returns.  Years the calendar
has no data for make a deadline *provisional*; the office confirms a year once it has entered that
year's holidays, and never gets a silent Monday-to-Friday guess.
"""

from dataclasses import dataclass, field
from datetime import date

from applications import settings as rules
from core.calendar import add_working_days, has_official_data, working_days_between


@dataclass(frozen=True)
class Pause:
    """A third-party consultation: from the day it was sent to the answer (or the day the answer is due)."""

    sent_on: date
    answered_on: date | None = None

    def due_on(self, overrides=None):
        return add_working_days(self.sent_on, rules.third_party_days(), overrides)

    def end(self, overrides=None):
        return self.answered_on or self.due_on(overrides)


@dataclass(frozen=True)
class Clock:
    """Where the statutory clock of one application stands."""

    received_on: date
    starts_on: date
    correction_notice_due: date
    deadline: date | None
    paused_days: int = 0
    extension_days: int = 0
    waiting_for_correction: bool = False
    uncovered_years: tuple[int, ...] = field(default_factory=tuple)

    @property
    def provisional(self):
        return bool(self.uncovered_years)


def uncovered_years(first, last, confirmed_years=()):
    """Years between ``first`` and ``last`` whose holidays neither the calendar nor the office has entered."""
    return tuple(
        year
        for year in range(first.year, last.year + 1)
        if not has_official_data(year) and year not in set(confirmed_years)
    )


def compute(
    received_on,
    *,
    correction_requested_on=None,
    correction_received_on=None,
    pauses=(),
    extension_days=0,
    overrides=None,
    confirmed_years=(),
):
    """The clock of an application received on ``received_on`` after the given events."""
    notice_due = add_working_days(received_on, rules.correction_notice_days(), overrides)
    waiting = bool(correction_requested_on) and not correction_received_on
    # Art. 30: the corrected application is a new receipt; the time before it does not count.
    starts_on = correction_received_on or received_on
    if waiting:
        return Clock(
            received_on=received_on,
            starts_on=starts_on,
            correction_notice_due=notice_due,
            deadline=None,
            waiting_for_correction=True,
            uncovered_years=uncovered_years(received_on, notice_due, confirmed_years),
        )
    # Art. 32: the third party's time does not count towards the deadline.
    paused = sum(
        working_days_between(max(pause.sent_on, starts_on), pause.end(overrides), overrides)
        for pause in pauses
        if pause.end(overrides) > starts_on
    )
    deadline = add_working_days(starts_on, rules.reply_days() + paused + int(extension_days or 0), overrides)
    return Clock(
        received_on=received_on,
        starts_on=starts_on,
        correction_notice_due=notice_due,
        deadline=deadline,
        paused_days=paused,
        extension_days=int(extension_days or 0),
        uncovered_years=uncovered_years(received_on, deadline, confirmed_years),
    )


def working_days_left(deadline, today, overrides=None):
    """Working days from ``today`` to ``deadline``: 0 on the day itself, negative once it has passed."""
    if deadline is None:
        return None
    if deadline >= today:
        return working_days_between(today, deadline, overrides)
    return -working_days_between(deadline, today, overrides)
