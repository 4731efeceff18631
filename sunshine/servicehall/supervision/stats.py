"""Handling-time arithmetic over grouped rows: working-day ordinals from the official calendar
and the average / p90 of a weighted histogram (no per-application Python objects)."""

import datetime as dt
import math
from collections import Counter

from sunshine.kernel.workcalendar.calendar import CalendarRangeError, current_calendar


def workday_ordinals(dates) -> dict[dt.date, int]:
    """For each date, the working days from the earliest one up to it (official calendar, 调休
    included). Dates before the calendar's first day are left out."""
    days = sorted({d for d in dates if d is not None})
    if not days:
        return {}
    cal, result = current_calendar(), {}
    base = None
    for day in days:
        try:
            if base is None:
                cal.is_workday(day)  # raises before the calendar
                base = day
            result[day] = cal.workdays_between(base, day)[0]
        except CalendarRangeError:
            continue
    return result


def handling_workdays(ordinals: dict, start: dt.date, end: dt.date, paused: int) -> int | None:
    """Working days after the day of 申请 up to the day of 办结, minus the working days the
    clock was paused (补正: the applicant's time, not the agency's)."""
    if start not in ordinals or end not in ordinals:
        return None
    return max(0, ordinals[end] - ordinals[start] - (paused or 0))


def average(histogram: Counter) -> float | None:
    n = sum(histogram.values())
    if not n:
        return None
    return sum(value * count for value, count in histogram.items()) / n


def percentile(histogram: Counter, p: float) -> int | None:
    """Nearest-rank percentile of a {value: count} histogram."""
    n = sum(histogram.values())
    if not n:
        return None
    rank = max(1, math.ceil(p / 100 * n))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return max(histogram)
