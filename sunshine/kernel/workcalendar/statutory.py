"""The statutory fixed holidays (全体公民放假的节日) that the law itself sets, for years whose
State Council notice (节假日安排通知) is not loaded yet.

全国年节及纪念日放假办法 Art. 2, as revised by 国务院令第795号 (2024-11-10, in force
2025-01-01):

    元旦 1 day (1月1日); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (农历清明当日);
    劳动节 2 days (5月1日、2日); 端午节 1 day (农历端午当日, 五月初五);
    中秋节 1 day (农历中秋当日, 八月十五); 国庆节 3 days (10月1日、2日、3日).

除夕 is the last day of the lunar year: 腊月三十, or 廿九 when 腊月 has 29 days (2025–2029),
so it is taken as the day before 正月初一. 清明 is the day of the 清明 solar term (Beijing time).
The lunar dates and the solar term come from `lunar_python` (MIT, pure Python, offline); its
dates agree with every notice shipped for 2007–2026 (tests/test_statutory.py).

Only these days are known in advance: the notice's 调休 (make-up working days, the days bridged
to a weekend) are not, so an answer that uses them stays provisional."""

import datetime as dt
from functools import lru_cache

ONE_DAY = dt.timedelta(days=1)

# The 2024 revision applies from 2025; earlier years had other lists (3-day 春节, 1-day 劳动节).
FIRST_STATUTORY_YEAR = 2025
# A sanity horizon, the same as the import bound (bundle.LAST_YEAR).
LAST_STATUTORY_YEAR = 2100


def lunar_new_year(year: int) -> dt.date:
    """正月初一 of the lunar year that begins in `year`."""
    from lunar_python import Lunar

    solar = Lunar.fromYmd(year, 1, 1).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def lunar_to_solar(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a day of a (non-leap) lunar month of lunar year `year`."""
    from lunar_python import Lunar

    solar = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def qingming(year: int) -> dt.date:
    """The day of the 清明 solar term in `year` (4 or 5 April, Beijing time)."""
    from lunar_python import Lunar

    # The solar-term table of lunar year `year` runs from 大雪 of the year before to 惊蛰 of
    # the year after; its 清明 is the one in April of `year`.
    solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    day = dt.date(solar.getYear(), solar.getMonth(), solar.getDay())
    if (day.year, day.month) != (year, 4):  # pragma: no cover - a library defect, not input
        raise RuntimeError(f"清明 of {year} computed as {day}")
    return day


@lru_cache(maxsize=256)
def statutory_holidays(year: int) -> tuple[tuple[dt.date, str], ...]:
    """The statutory holidays of `year` under the 2024 revision, sorted by date, each with the
    festival's name (a day that is two festivals, 国庆 and 中秋, carries both names).
    A pure function of the year: cached for the life of the process."""
    new_year = lunar_new_year(year)
    days: dict[dt.date, list[str]] = {}

    def add(day: dt.date, name: str) -> None:
        names = days.setdefault(day, [])
        if name not in names:
            names.append(name)

    add(dt.date(year, 1, 1), "元旦")
    for offset in range(-1, 3):  # 除夕, 正月初一, 初二, 初三
        add(new_year + offset * ONE_DAY, "春节")
    add(qingming(year), "清明节")
    add(dt.date(year, 5, 1), "劳动节")
    add(dt.date(year, 5, 2), "劳动节")
    add(lunar_to_solar(year, 5, 5), "端午节")
    for day in (1, 2, 3):
        add(dt.date(year, 10, day), "国庆节")
    add(lunar_to_solar(year, 8, 15), "中秋节")  # after 国庆: "国庆节、中秋节" as in the 2025 notice
    return tuple((day, "、".join(names)) for day, names in sorted(days.items()))


def applies_to(year: int) -> bool:
    """Whether the 2024 list can stand in for a missing notice of `year`."""
    return FIRST_STATUTORY_YEAR <= year <= LAST_STATUTORY_YEAR
