import datetime

from inddrag.lib.calendar import (
    calendar_span,
    is_working_day,
    local_date,
    working_days_between,
)
from tests.factories import cph


def test_weekends_and_danish_holidays_are_not_working_days():
    assert is_working_day(datetime.date(2026, 11, 27))  # Friday
    assert not is_working_day(datetime.date(2026, 11, 28))  # Saturday
    assert not is_working_day(datetime.date(2026, 12, 25))  # Juledag
    assert not is_working_day(datetime.date(2027, 3, 25))  # Skærtorsdag 2027
    assert not is_working_day(datetime.date(2027, 5, 6))  # Kristi himmelfartsdag 2027
    assert not is_working_day(datetime.date(2027, 5, 17))  # 2. pinsedag 2027


def test_store_bededag_is_a_working_day_after_its_abolition():
    # Store bededag was abolished from 2024; 23 April 2027 would have been one.
    assert is_working_day(datetime.date(2027, 4, 23))


def test_working_days_between_excludes_both_ends():
    # Mon 7 Dec 2026 → Mon 14 Dec 2026: Tue–Fri = 4 working days.
    assert working_days_between(datetime.date(2026, 12, 7), datetime.date(2026, 12, 14)) == 4
    assert working_days_between(datetime.date(2026, 12, 14), datetime.date(2026, 12, 7)) == 0
    # Over Christmas, 23 Dec 2026 → 4 Jan 2027: 24 (a Thursday, not a public holiday),
    # 28, 29, 30 and 31 Dec = 5; 25–27 Dec and 1 Jan are holidays or weekend.
    assert working_days_between(datetime.date(2026, 12, 23), datetime.date(2027, 1, 4)) == 5


def test_calendar_span_counts_wall_clock_days_across_dst():
    # Summer time begins 28 March 2027: only 55 days 23 hours pass, but it is 56 calendar days.
    # Moments come back from the database in UTC.
    start = cph(2027, 3, 1, 0, 0).astimezone(datetime.UTC)
    end = cph(2027, 4, 26, 0, 0).astimezone(datetime.UTC)
    assert end - start == datetime.timedelta(days=55, hours=23)
    assert calendar_span(start, end) == datetime.timedelta(days=56)
    # And back in October: 25 hours pass in one calendar day.
    start = cph(2027, 10, 30, 12, 0).astimezone(datetime.UTC)
    end = cph(2027, 10, 31, 12, 0).astimezone(datetime.UTC)
    assert end - start == datetime.timedelta(hours=25)
    assert calendar_span(start, end) == datetime.timedelta(days=1)


def test_local_date_uses_copenhagen():
    utc = datetime.datetime(2026, 11, 27, 23, 30, tzinfo=datetime.UTC)
    assert local_date(utc) == datetime.date(2026, 11, 28)
