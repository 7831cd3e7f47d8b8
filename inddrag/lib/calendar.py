"""Danish time: working days, public holidays, local dates and calendar-day periods."""

from __future__ import annotations

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@lru_cache(maxsize=64)
def _danish_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("DK", years=year).keys())


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday, except Danish public holidays."""
    return day.weekday() < 5 and day not in _danish_holidays(day.year)


def working_days_between(first: datetime.date, last: datetime.date) -> int:
    """Working days strictly after ``first`` and strictly before ``last``.

    This is the time the administration has between the day an activity ends and the day of
    the meeting: neither day counts.
    """
    if last <= first:
        return 0
    count = 0
    day = first + datetime.timedelta(days=1)
    while day < last:
        if is_working_day(day):
            count += 1
        day += datetime.timedelta(days=1)
    return count


def local(moment: datetime.datetime) -> datetime.datetime:
    """The moment as Danish wall-clock time."""
    return moment.astimezone(COPENHAGEN)


def local_date(moment: datetime.datetime) -> datetime.date:
    return local(moment).date()


def calendar_span(start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
    """The span between two moments in Danish wall-clock time.

    Hearing periods are counted in calendar days: a hearing from 1 March 00:00 to 26 April 00:00
    lasts 56 days although only 55 days and 23 hours pass when summer time begins in between.
    """
    naive_start = local(start).replace(tzinfo=None)
    naive_end = local(end).replace(tzinfo=None)
    return naive_end - naive_start


# --- Deadlines: to the minute shown ------------------------------------------------------------
# A deadline is shown to the minute ("kl. 23.59"), so it holds through that whole minute: a
# post at 23:59:30 or 23:59:59.999 is in time, one at 00:00:00 is not. Every comparison of an
# activity's end with a moment goes through these two functions (and a query uses
# ``ends_at__gte=to_the_minute(now)``), so the form, the API, staff's "received after the
# deadline", the timeline and the reminders agree with the page. The minute is the same in
# UTC and in Danish time (the offsets are whole hours), also across the changes to and from
# summer time.


def to_the_minute(moment: datetime.datetime) -> datetime.datetime:
    """The start of the minute ``moment`` falls in."""
    return moment.replace(second=0, microsecond=0)


def deadline_passed(deadline: datetime.datetime, moment: datetime.datetime) -> bool:
    """Whether ``moment`` is after the minute of ``deadline`` (the last minute is in time)."""
    return deadline < to_the_minute(moment)
