"""Working-day arithmetic against the real 2026 notice as bundled (data/2026.json):
National Day + Mid-Autumn 2026-10-01..07 off, Saturday 2026-10-10 a make-up working day;
Spring Festival 2026-02-15..23 off, Saturdays 2026-02-14 and 02-28 working."""

import datetime as dt
import random

import pytest

from sunshine.kernel.workcalendar import calendar as wc
from sunshine.kernel.workcalendar.models import CalendarDay, CalendarState, CalendarYear

D = dt.date
pytestmark = pytest.mark.django_db


def test_bundled_years_are_loaded_by_the_migration():
    loaded = set(CalendarYear.objects.filter(loaded=True).values_list("year", flat=True))
    assert loaded == set(range(2007, 2027))
    assert CalendarYear.objects.get(year=2027).loaded is False
    assert CalendarDay.objects.count() == 678
    # a notice sets days of the year before: 2019's notice holds 2018-12-29..31
    assert CalendarDay.objects.get(date=D(2018, 12, 29)).notice.year == 2019


def test_holidays_and_makeup_days_2026():
    assert wc.is_workday(D(2026, 10, 1)) is False  # Thursday, National Day
    assert wc.is_workday(D(2026, 10, 7)) is False  # Wednesday in the holiday block
    assert wc.is_workday(D(2026, 10, 10)) is True  # Saturday, 调休 make-up day
    assert wc.is_workday(D(2026, 10, 11)) is False  # ordinary Sunday
    assert wc.is_workday(D(2026, 2, 14)) is True  # Saturday before Spring Festival
    assert wc.is_workday(D(2026, 2, 23)) is False  # Monday in the Spring Festival block
    assert wc.is_workday(D(2026, 9, 29)) is True  # ordinary Tuesday
    assert wc.is_workday(D(2018, 12, 29)) is True  # Saturday set by the 2019 notice


def test_add_workdays_across_national_day_2026():
    # after 09-30: 10-01..07 off, 10-08 Thu (1), 10-09 Fri (2), 10-10 Sat make-up (3),
    # 10-11 Sun off, 10-12 Mon (4), 10-13 Tue (5)
    assert wc.add_workdays(D(2026, 9, 30), 5) == (D(2026, 10, 13), False)
    assert wc.add_workdays(D(2026, 9, 30), 3) == (D(2026, 10, 10), False)
    assert wc.add_workdays(D(2026, 9, 30), 0) == (D(2026, 9, 30), False)
    # 02-13 Fri: 02-14 Sat make-up (1), 02-15..23 off, 02-24 Tue (2)
    assert wc.add_workdays(D(2026, 2, 13), 2) == (D(2026, 2, 24), False)


def test_workdays_between():
    # working days after 09-30 up to and including 10-14: 10-08, 09, 10, 12, 13, 14
    assert wc.workdays_between(D(2026, 9, 30), D(2026, 10, 14)) == (6, False)
    assert wc.workdays_between(D(2026, 10, 14), D(2026, 9, 30)) == (-6, False)
    assert wc.workdays_between(D(2026, 10, 1), D(2026, 10, 1)) == (0, False)
    assert wc.workdays_between(D(2026, 10, 1), D(2026, 10, 7)) == (0, False)


def test_workdays_between_agrees_with_counting_day_by_day():
    cal = wc.current_calendar()
    rng = random.Random(2026)
    for _ in range(40):
        a = D(2007, 1, 1) + dt.timedelta(days=rng.randrange(0, 7300))
        b = a + dt.timedelta(days=rng.randrange(0, 120))
        brute = sum(cal.is_workday(a + dt.timedelta(days=i)) for i in range(1, (b - a).days + 1))
        assert cal.workdays_between(a, b)[0] == brute
        if brute:
            assert cal.add_workdays(a, brute)[0] <= b


def test_2027_is_provisional_with_its_statutory_holidays():
    # 12-31 Thu (1), 2027-01-01 Fri 元旦 (statutory, off although no notice yet),
    # 01-02 Sat, 01-03 Sun, 01-04 Mon (2), 01-05 Tue (3)
    assert wc.add_workdays(D(2026, 12, 30), 3) == (D(2027, 1, 5), True)
    # 12-30 Wed (1), 12-31 Thu (2): still 2026, but late December can be set by 2027's notice
    assert wc.add_workdays(D(2026, 12, 29), 2) == (D(2026, 12, 31), True)
    # 12-25 Fri (1), 12-28 Mon (2): before the late-December window
    assert wc.add_workdays(D(2026, 12, 24), 2) == (D(2026, 12, 28), False)
    # 12-31 (1), 01-01 off, 01-04..08 (2–6)
    assert wc.workdays_between(D(2026, 12, 30), D(2027, 1, 8)) == (6, True)
    assert wc.is_provisional(D(2027, 5, 3)) is True
    assert wc.is_provisional(D(2026, 5, 3)) is False
    assert wc.missing_years(D(2026, 12, 30), D(2028, 1, 3)) == [2027, 2028]
    assert wc.missing_years(D(2026, 12, 1), D(2026, 12, 28)) == []
    assert wc.missing_years(D(2026, 12, 1), D(2026, 12, 29)) == [2027]
    # 2027-12-29..31 can be set by 2028's notice
    assert wc.missing_years(D(2027, 12, 1), D(2027, 12, 31)) == [2027, 2028]


def test_dates_before_2007_raise_a_clear_error():
    with pytest.raises(wc.CalendarRangeError) as exc:
        wc.is_workday(D(2006, 12, 29))
    assert "2007-01-01" in exc.value.messages[0]
    with pytest.raises(wc.CalendarRangeError):
        wc.add_workdays(D(2006, 12, 31), 1)
    with pytest.raises(wc.CalendarRangeError):
        wc.workdays_between(D(2006, 6, 1), D(2007, 6, 1))


def test_snapshot_is_reused_and_costs_one_query(django_assert_num_queries):
    wc.current_calendar()
    with django_assert_num_queries(1):
        cal = wc.current_calendar()
        cal.add_workdays(D(2026, 9, 30), 20)
        cal.workdays_between(D(2020, 1, 1), D(2026, 12, 31))


def test_a_change_made_elsewhere_is_noticed_through_the_version():
    assert wc.is_workday(D(2026, 9, 29)) is True
    # another process adds a day and renews the version; this process's copy is stale
    CalendarDay.objects.create(
        date=D(2026, 9, 29),
        is_off_day=True,
        name="测试",
        notice=CalendarYear.objects.get(year=2026),
    )
    CalendarState.objects.filter(id=1).update(version=12345)
    assert wc.is_workday(D(2026, 9, 29)) is False


def test_calendar_day_helpers():
    assert wc.add_days(D(2026, 9, 30), 30) == D(2026, 10, 30)
    assert wc.days_between(D(2026, 9, 30), D(2026, 10, 30)) == 30
    end = wc.end_of_day(D(2026, 10, 13))
    assert (end.hour, end.minute, str(end.tzinfo)) == (23, 59, "Asia/Shanghai")
    assert wc.local_date(end) == D(2026, 10, 13)
