"""Readable Danish (and English) dates, periods and hour figures, shared by templates and checks."""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal

from django.utils import formats
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from inddrag.lib.calendar import local


def _day(value: datetime.date) -> str:
    return formats.date_format(value, pgettext("date format: day and month", "j F"))


def full_date(value: datetime.date) -> str:
    if type(value) is datetime.date:  # a datetime's day depends on its zone: not remembered
        return _full_date(value, get_language())
    return formats.date_format(value, pgettext("date format: full date", "j F Y"))


def _time(value: datetime.datetime) -> str:
    # What the format can read of a datetime: its wall-clock time, offset and zone name.
    key = (value.replace(tzinfo=None), value.utcoffset(), value.tzname(), get_language())
    return _formatted_time(key, value)


# Formatting a date through Django walks its format string character by character; a list of
# contributions shows the same few days and minutes on every row (issue #14). Remembered per
# language, which the key carries: the result depends on the active language only.
@functools.lru_cache(maxsize=2048)
def _full_date(value: datetime.date, language: str | None) -> str:
    return formats.date_format(value, pgettext("date format: full date", "j F Y"))


def _formatted_time(key: tuple, value: datetime.datetime) -> str:
    cached = _TIMES.get(key)
    if cached is None:
        if len(_TIMES) >= 4096:
            _TIMES.clear()
        cached = _TIMES[key] = formats.date_format(
            value, pgettext("date format: time of day", "H:i")
        )
    return cached


_TIMES: dict[tuple, str] = {}


def _whole_days(start: datetime.datetime, end: datetime.datetime) -> bool:
    """A period that runs from the start of one day to the end of another."""
    return start.time() == datetime.time(0, 0) and end.time() in (
        datetime.time(0, 0),
        datetime.time(23, 59),
        datetime.time(23, 59, 59),
    )


def date_range(first: datetime.date, last: datetime.date) -> str:
    if first == last:
        return full_date(first)
    if first.year == last.year and first.month == last.month:
        return _("%(start)s–%(end)s") % {
            "start": formats.date_format(first, pgettext("date format: day only", "j")),
            "end": full_date(last),
        }
    if first.year == last.year:
        return _("%(start)s – %(end)s") % {"start": _day(first), "end": full_date(last)}
    return _("%(start)s – %(end)s") % {"start": full_date(first), "end": full_date(last)}


def period(start, end) -> str:
    """A readable period: "10.–31. august 2026", "7. december 2026 kl. 16.30–18.00"."""
    if not isinstance(start, datetime.datetime):
        return date_range(start, end)
    start, end = local(start), local(end)
    if _whole_days(start, end):
        last = (
            end.date() - datetime.timedelta(days=1)
            if end.time() == datetime.time(0)
            else end.date()
        )
        return date_range(start.date(), max(last, start.date()))
    if start.date() == end.date():
        return _("%(date)s at %(start)s–%(end)s") % {
            "date": full_date(start.date()),
            "start": _time(start),
            "end": _time(end),
        }
    return _("%(start_date)s at %(start)s – %(end_date)s at %(end)s") % {
        "start_date": full_date(start.date()),
        "start": _time(start),
        "end_date": full_date(end.date()),
        "end": _time(end),
    }


def meeting_time(start: datetime.datetime, end: datetime.datetime) -> str:
    """A meeting's time with its weekday, in Danish time: "tirsdag 8. december 2026 kl.
    10.00–11.00" (a meeting past midnight names both days)."""
    start, end = local(start), local(end)
    weekday = formats.date_format(start, "l")
    if start.date() == end.date():
        return _("%(weekday)s %(date)s at %(start)s–%(end)s") % {
            "weekday": weekday,
            "date": full_date(start.date()),
            "start": _time(start),
            "end": _time(end),
        }
    return _("%(weekday)s %(period)s") % {"weekday": weekday, "period": period(start, end)}


def moment(value: datetime.datetime) -> str:
    """A moment: "18. december 2026 kl. 23.59"."""
    value = local(value)
    return _("%(date)s at %(time)s") % {"date": full_date(value.date()), "time": _time(value)}


def hours(value: Decimal | None) -> str:
    """Hours with a Danish decimal comma and no needless ",0"."""
    if value is None:
        return ""
    decimals = 0 if value == value.to_integral_value() else 1
    return formats.number_format(value, decimal_pos=decimals)


def grouped(value: int | None) -> str:
    """A whole number with the language's thousands separator: "26.999" (da), "26,999" (en).
    Years and receipt numbers are not counts: they are never grouped."""
    if value is None:
        return ""
    return formats.number_format(value, force_grouping=True)
