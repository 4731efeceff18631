"""The statutory holidays (全国年节及纪念日放假办法 Art. 2) computed with lunar_python, checked
against the State Council notices shipped in data/ (2007–2026) and against dates published
for the years after them. No database: the files are read directly."""

import datetime as dt
import json

import pytest

from sunshine.kernel.workcalendar import bundle, statutory

D = dt.date
ONE_DAY = dt.timedelta(days=1)


def _notices() -> dict[int, dict[dt.date, str]]:
    """Every shipped notice: year -> {date: name} of its days off."""
    found = {}
    for path in bundle.bundled_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        off = {D.fromisoformat(d["date"]): d["name"] for d in data["days"] if d["isOffDay"]}
        if off:
            found[data["year"]] = off
    return found


NOTICES = _notices()


def test_all_twenty_notices_are_read():
    assert sorted(NOTICES) == list(range(2007, 2027))


@pytest.mark.parametrize("year", range(2007, 2027))
def test_lunar_dates_fall_in_the_notices_holiday_blocks(year):
    """正月初一, 清明, 端午 and 中秋 computed by the library are days off of that festival in
    the year's notice. 清明, 端午 and 中秋 became holidays only in 2008 (国务院令第513号):
    the 2007 notice has none of them. 除夕 was a holiday 2008–2013 and again from 2025."""
    off = NOTICES[year]
    new_year = statutory.lunar_new_year(year)
    assert "春节" in off.get(new_year, ""), new_year
    if 2008 <= year <= 2013 or year >= 2025:
        assert "春节" in off.get(new_year - ONE_DAY, ""), new_year - ONE_DAY
    checks = {
        "清明": statutory.qingming(year),
        "端午": statutory.lunar_to_solar(year, 5, 5),
        "中秋": statutory.lunar_to_solar(year, 8, 15),
    }
    for festival, day in checks.items():
        if year == 2007:
            assert day not in off
        else:
            assert festival in off.get(day, ""), (festival, day)


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_2024_list_is_inside_the_notices_that_follow_it(year):
    """2025 and 2026 were set under the 2024 revision: each of its 13 days is a listed day
    off, except one that falls on an ordinary weekend (not listed by holiday-cn)."""
    days = statutory.statutory_holidays(year)
    assert len(days) == 13
    for day, name in days:
        assert day in NOTICES[year] or day.weekday() >= 5, (day, name)


def test_2027_by_hand():
    """2027 from published tables, not from the library:
    - 除夕 2027-02-05: the Purple Mountain Observatory lists 除夕 on 腊月廿九 for 2025–2029
      (2025-01-28, 2026-02-16, 2027-02-05, 2028-01-25, 2029-02-12), 腊月 having 29 days;
      正月初一 2027-02-06 (Hong Kong's 2027 general holidays: Lunar New Year 6–8 February).
    - 清明 2027-04-05; 端午 2027-06-09 (Hong Kong: Tuen Ng Festival, Wednesday 9 June 2027);
      中秋 2027-09-15 (Hong Kong's "day following Mid-Autumn", Thursday 16 September 2027).
    Weekdays from 2027-01-01, a Friday: 02-05 is day 36 (Fri), 04-05 day 95 (Mon),
    05-01 day 121 (Sat), 06-09 day 160 (Wed), 09-15 day 258 (Wed), 10-01 day 274 (Fri)."""
    assert statutory.statutory_holidays(2027) == (
        (D(2027, 1, 1), "元旦"),
        (D(2027, 2, 5), "春节"),  # 除夕, Friday
        (D(2027, 2, 6), "春节"),  # 初一, Saturday
        (D(2027, 2, 7), "春节"),  # 初二, Sunday
        (D(2027, 2, 8), "春节"),  # 初三, Monday
        (D(2027, 4, 5), "清明节"),
        (D(2027, 5, 1), "劳动节"),
        (D(2027, 5, 2), "劳动节"),
        (D(2027, 6, 9), "端午节"),
        (D(2027, 9, 15), "中秋节"),
        (D(2027, 10, 1), "国庆节"),
        (D(2027, 10, 2), "国庆节"),
        (D(2027, 10, 3), "国庆节"),
    )
    assert [d.weekday() for d in (D(2027, 1, 1), D(2027, 2, 5), D(2027, 4, 5))] == [4, 4, 0]


@pytest.mark.parametrize(
    "eve", [D(2025, 1, 28), D(2026, 2, 16), D(2027, 2, 5), D(2028, 1, 25), D(2029, 2, 12)]
)
def test_new_years_eve_is_the_29th_of_a_short_12th_month(eve):
    # published by the Purple Mountain Observatory (see test_2027_by_hand)
    assert statutory.lunar_new_year(eve.year) - ONE_DAY == eve
    assert (eve, "春节") in statutory.statutory_holidays(eve.year)


def test_mid_autumn_on_a_national_day_is_one_day_with_both_names():
    # 中秋 2028-10-03 (astronomers' list of 国庆 meeting 中秋: 2017-10-04, 2020-10-01,
    # 2025-10-06, 2028-10-03): 12 distinct days instead of 13
    days = dict(statutory.statutory_holidays(2028))
    assert days[D(2028, 10, 3)] == "国庆节、中秋节"
    assert len(days) == 12


def test_the_horizon():
    assert statutory.applies_to(2025) and statutory.applies_to(2100)
    assert not statutory.applies_to(2024) and not statutory.applies_to(2101)
