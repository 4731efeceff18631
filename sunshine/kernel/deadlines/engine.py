"""The arithmetic of a clock, without the database: its due time from the start, the length
(with extensions) and the pauses; its urgency at a moment; the time left.

Working days come only from the official calendar (workcalendar), never from Monday–Friday.
Counting starts the day after the start event (rules.md §1). A pause from day P to day R stops
the count on the days after P up to R; the resume day itself is not counted, as the start day
is not. Paused days after the due date do not move it (an overdue clock stays overdue)."""

import datetime as dt
import math
from dataclasses import dataclass

from django.utils import timezone

from sunshine.kernel.workcalendar.calendar import WorkCalendar, end_of_day

from .rules import DAYS, HOURS, WD

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Due:
    due_at: dt.datetime
    provisional: bool
    paused_total: int  # closed pauses, in the unit (working days, days or whole hours)


def _parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def closed_pauses(pauses: list[dict]) -> list[tuple[dt.datetime, dt.datetime]]:
    return [(_parse(p["from"]), _parse(p["to"])) for p in pauses if p.get("to")]


def compute_due(
    cal: WorkCalendar, *, unit: str, started_at: dt.datetime, length: int, pauses: list[dict]
) -> Due:
    """The due time given the closed pauses (an open pause is not counted until it ends)."""
    intervals = sorted(closed_pauses(pauses))
    if unit == HOURS:
        due = started_at + dt.timedelta(hours=length)
        paused = dt.timedelta()
        for begin, end in intervals:
            if begin < due:
                due += end - begin
            paused += end - begin
        return Due(due, False, int(paused.total_seconds() // 3600))
    local = timezone.localdate
    excluded = [(local(b), local(e)) for b, e in intervals]
    start = local(started_at)
    cal.is_workday(start)  # dates before the calendar raise CalendarRangeError here
    day, count, provisional = start, 0, False
    while count < length:
        day += ONE_DAY
        if any(p < day <= r for p, r in excluded):
            continue
        if unit == WD:
            provisional = provisional or cal.is_provisional(day)
            if not cal.is_workday(day):
                continue
        count += 1
    paused_total = 0
    for p, r in excluded:
        if unit == WD:
            n, _prov = cal.workdays_between(p, r)
            paused_total += max(n, 0)
        else:
            paused_total += max((r - p).days, 0)
    return Due(end_of_day(day), provisional, paused_total)


def remaining(cal: WorkCalendar, *, unit: str, due_at: dt.datetime, at: dt.datetime) -> int:
    """Time left at `at` in the unit: working days after `at`'s day up to the due day (0 on
    the due day, negative once overdue); calendar days; or whole hours."""
    if unit == HOURS:
        return math.floor((due_at - at).total_seconds() / 3600)
    today, due_day = timezone.localdate(at), timezone.localdate(due_at)
    if unit == DAYS:
        return (due_day - today).days
    count, _provisional = cal.workdays_between(today, due_day)
    return count


def urgency_at(
    cal: WorkCalendar, *, unit: str, due_at: dt.datetime, at: dt.datetime, threshold: int
) -> str:
    if at > due_at:
        return "overdue"
    if remaining(cal, unit=unit, due_at=due_at, at=at) <= threshold:
        return "due_soon"
    return "on_time"
