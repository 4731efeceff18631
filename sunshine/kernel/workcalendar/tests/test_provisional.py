"""The provisional calendar: 2027 has no notice in the bundled data, so its statutory holidays
(全国年节及纪念日放假办法 Art. 2 as revised in 2024) are days off and its answers are
provisional; so are 2026-12-29..31, which the 2027 notice could still set.

2027 by hand (see test_statutory.test_2027_by_hand for the sources): 元旦 01-01 Fri;
春节 02-05 Fri (除夕) to 02-08 Mon (初三); 清明 04-05 Mon; 劳动节 05-01 Sat, 05-02 Sun;
端午 06-09 Wed; 中秋 09-15 Wed; 国庆 10-01 Fri, 10-02 Sat, 10-03 Sun."""

import datetime as dt
import io
import json
import random

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from sunshine.kernel import clock
from sunshine.kernel.deadlines import services as deadline_services
from sunshine.kernel.workcalendar import calendar as wc
from sunshine.kernel.workcalendar import services

D = dt.date
ONE_DAY = dt.timedelta(days=1)
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "day, workday",
    [
        (D(2027, 1, 1), False),  # Fri, 元旦
        (D(2027, 1, 4), True),  # Mon
        (D(2027, 2, 4), True),  # Thu before 除夕
        (D(2027, 2, 5), False),  # Fri, 除夕 (腊月廿九)
        (D(2027, 2, 8), False),  # Mon, 初三
        (D(2027, 2, 9), True),  # Tue, 初四: no notice yet, so no extended break
        (D(2027, 4, 5), False),  # Mon, 清明
        (D(2027, 5, 3), True),  # Mon after 劳动节 (Sat/Sun): 调休 unknown
        (D(2027, 6, 9), False),  # Wed, 端午
        (D(2027, 9, 15), False),  # Wed, 中秋
        (D(2027, 10, 1), False),  # Fri, 国庆
        (D(2027, 10, 4), True),  # Mon: the notice will likely bridge it, unknown yet
        (D(2027, 10, 9), False),  # ordinary Saturday
    ],
)
def test_2027_statutory_holidays_are_off_and_provisional(day, workday):
    assert wc.is_workday(day) is workday
    assert wc.is_provisional(day) is True


def test_add_workdays_crosses_into_2027_skipping_new_years_day():
    # after 2026-12-28 Mon: 12-29 Tue (1), 12-30 Wed (2), 12-31 Thu (3), 01-01 Fri 元旦 off,
    # 01-02 Sat, 01-03 Sun, 01-04 Mon (4), 01-05 Tue (5)
    assert wc.add_workdays(D(2026, 12, 28), 5) == (D(2027, 1, 5), True)
    assert wc.workdays_between(D(2026, 12, 28), D(2027, 1, 5)) == (5, True)


def test_spring_festival_and_national_day_2027():
    # February 2027 starts on a Monday: 20 weekdays (02-01..26), less 02-05 Fri and 02-08 Mon
    assert wc.workdays_between(D(2027, 1, 31), D(2027, 2, 28)) == (18, True)
    # after 02-04 Thu: 02-05 off, 02-06/07 weekend, 02-08 off, 02-09 Tue (1)
    assert wc.add_workdays(D(2027, 2, 4), 1) == (D(2027, 2, 9), True)
    # after 09-30 Thu: 10-01 Fri off, 10-02/03 weekend, 10-04 Mon (1), 10-05 Tue (2)
    assert wc.add_workdays(D(2027, 9, 30), 2) == (D(2027, 10, 5), True)
    assert wc.workdays_between(D(2027, 9, 30), D(2027, 10, 4)) == (1, True)
    assert wc.workdays_between(D(2027, 10, 4), D(2027, 9, 30)) == (-1, True)


def test_late_december_of_the_last_loaded_year_is_provisional():
    assert wc.is_provisional(D(2026, 12, 28)) is False
    for day in (29, 30, 31):
        assert wc.is_provisional(D(2026, 12, day)) is True
        assert wc.is_workday(D(2026, 12, day)) is True  # Tue–Thu, counted as usual
    # after 12-24 Thu: 12-25 Fri (1), 12-28 Mon (2) | 12-29 Tue (3)
    assert wc.add_workdays(D(2026, 12, 24), 2) == (D(2026, 12, 28), False)
    assert wc.add_workdays(D(2026, 12, 24), 3) == (D(2026, 12, 29), True)
    assert wc.workdays_between(D(2026, 12, 1), D(2026, 12, 28)) == (19, False)
    assert wc.workdays_between(D(2026, 12, 1), D(2026, 12, 29)) == (20, True)
    # a loaded year whose next notice is loaded: 2025-12-31 is final
    assert wc.is_provisional(D(2025, 12, 31)) is False


def test_the_window_is_a_setting():
    with override_settings(WORKCALENDAR_LATE_DECEMBER_FROM=31):
        assert wc.is_provisional(D(2026, 12, 30)) is False
        assert wc.is_provisional(D(2026, 12, 31)) is True
        assert wc.add_workdays(D(2026, 12, 28), 2) == (D(2026, 12, 30), False)
    assert wc.is_provisional(D(2026, 12, 30)) is True  # back to 29 December
    with override_settings(WORKCALENDAR_LATE_DECEMBER_FROM=32):
        with pytest.raises(ImproperlyConfigured, match="WORKCALENDAR_LATE_DECEMBER_FROM"):
            wc.current_calendar()


def test_a_notice_loaded_for_2027_replaces_the_assumptions(tmp_path):
    assert wc.is_provisional(D(2026, 12, 30)) is True
    notice = tmp_path / "2027.json"
    notice.write_text(
        json.dumps(
            {
                "year": 2027,
                "papers": [],
                "days": [
                    {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
                    {"name": "春节", "date": "2027-02-05", "isOffDay": True},
                    {"name": "春节", "date": "2027-02-08", "isOffDay": True},
                    {"name": "春节", "date": "2027-02-09", "isOffDay": True},
                    {"name": "春节", "date": "2027-02-20", "isOffDay": False},
                ],
            }
        ),
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("import_calendar", str(notice), stdout=out)
    assert "2027" in out.getvalue()
    assert wc.is_provisional(D(2026, 12, 30)) is False
    assert wc.is_provisional(D(2027, 5, 3)) is False
    assert wc.is_provisional(D(2027, 12, 29)) is True  # the 2028 notice is missing
    # same answer as before for 12-28 + 5, now final
    assert wc.add_workdays(D(2026, 12, 28), 5) == (D(2027, 1, 5), False)
    assert wc.is_workday(D(2027, 2, 9)) is False  # the notice's own day
    assert wc.is_workday(D(2027, 2, 20)) is True  # a Saturday made a working day
    # a loaded notice is complete: a statutory day it does not list is an ordinary day
    assert wc.is_workday(D(2027, 4, 5)) is True
    assert wc.current_calendar().assumed_holidays(2027) == frozenset()


def test_listed_days_of_an_unloaded_year_win_over_the_statutory_ones():
    # a staff member records one day of 2027 by hand; the year stays not loaded
    services.set_calendar_day(actor=None, date=D(2027, 10, 4), is_off_day=True, name="国庆节")
    services.set_calendar_day(actor=None, date=D(2027, 10, 1), is_off_day=False, name="测试")
    cal = wc.current_calendar()
    assert cal.is_workday(D(2027, 10, 4)) is False
    assert cal.is_workday(D(2027, 10, 1)) is True
    assert cal.is_provisional(D(2027, 10, 4)) is True
    # after 09-30 Thu: 10-01 Fri listed working (1), 10-02/03 weekend, 10-04 listed off,
    # 10-05 Tue (2)
    assert cal.add_workdays(D(2027, 9, 30), 2) == (D(2027, 10, 5), True)
    assert cal.workdays_between(D(2027, 9, 30), D(2027, 10, 5)) == (2, True)


def test_years_before_the_2024_rules_get_no_statutory_days():
    # 2024 unloaded by hand: its listed days still count, nothing is assumed (the 2024 list
    # applies from 2025), and its answers become provisional
    services.set_year_loaded(actor=None, year=2024, loaded=False)
    cal = wc.current_calendar()
    assert cal.assumed_holidays(2024) == frozenset()
    assert cal.is_workday(D(2024, 2, 9)) is True  # Fri, 除夕 2024: not a holiday before 2025
    assert cal.is_provisional(D(2024, 6, 3)) is True
    assert cal.is_provisional(D(2023, 12, 29)) is True  # the 2024 notice could set it
    # beyond the horizon: Monday–Friday
    assert cal.assumed_holidays(2101) == frozenset()
    assert cal.is_workday(D(2100, 1, 1)) is False  # Fri, 元旦 2100 (inside the horizon)


def test_add_workdays_agrees_with_workdays_between_and_day_by_day_counting():
    cal = wc.current_calendar()
    rng = random.Random(20262030)
    first, days = D(2026, 1, 1), (D(2030, 12, 31) - D(2026, 1, 1)).days
    for _ in range(300):
        start = first + dt.timedelta(days=rng.randrange(days))
        n = rng.randrange(0, 45)
        due, provisional = cal.add_workdays(start, n)
        assert cal.workdays_between(start, due) == (n, provisional)
        span = [start + ONE_DAY * i for i in range(1, (due - start).days + 1)]
        if n:
            assert cal.is_workday(due)
            assert provisional == any(cal.is_provisional(d) for d in span)
        assert sum(cal.is_workday(d) for d in span) == n
        b = start + dt.timedelta(days=rng.randrange(0, 400))
        brute = sum(cal.is_workday(start + ONE_DAY * i) for i in range(1, (b - start).days + 1))
        assert cal.workdays_between(start, b)[0] == brute


def test_statutory_days_cost_no_queries(django_assert_num_queries):
    wc.current_calendar()
    with django_assert_num_queries(1):
        cal = wc.current_calendar()
        cal.add_workdays(D(2026, 12, 1), 600)  # into 2029
        cal.workdays_between(D(2026, 1, 1), D(2040, 12, 31))


@pytest.fixture
def agency(province):
    return province["transport"]


def test_foi_reply_clock_started_in_december_is_provisional(agency):
    """foi.reply = 20 wd from 2026-12-15 (Tue): 12-16 (1), 17 (2), 18 (3), 21 (4), 22 (5),
    23 (6), 24 (7), 25 (8), 28 (9), 29 (10), 30 (11), 31 (12), 2027-01-01 Fri 元旦 not
    counted, 01-04 (13), 05 (14), 06 (15), 07 (16), 08 (17), 11 (18), 12 (19), 13 (20)."""
    with clock.frozen(D(2026, 12, 15)):
        c = deadline_services.start_clock(obj=agency, rule="foi.reply")
    assert (c.due_date, c.provisional) == (D(2027, 1, 13), True)


def test_a_clock_due_in_late_december_is_provisional(agency):
    """foi.reply from 2026-11-30 (Mon): 12-01..04 (1–4), 12-07..11 (5–9), 12-14..18 (10–14),
    12-21..25 (15–19), 12-28 (20): final. From 12-01 (Tue) it ends on 12-29: provisional."""
    with clock.frozen(D(2026, 11, 30)):
        c = deadline_services.start_clock(obj=agency, rule="foi.reply")
    assert (c.due_date, c.provisional) == (D(2026, 12, 28), False)
    with clock.frozen(D(2026, 12, 1)):
        c = deadline_services.start_clock(obj=agency, rule="foi.correction_notice", length=20)
    assert (c.due_date, c.provisional) == (D(2026, 12, 29), True)
