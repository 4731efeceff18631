"""工作日: working-day arithmetic on the official calendar (public).

Counting follows rules.md §1: a deadline of N working days runs from the day after the start.
`provisional` is true when the span reaches a year whose holiday notice is not loaded yet
(its statutory holidays are counted as days off, 调休 is unknown) or the last days of December
that next year's notice may still change."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from sunshine.kernel.workcalendar import calendar

router = Router(tags=["workdays"])

MAX_WORKDAYS = 1000  # about four years: bounds the work one public request can cause


class WorkdaysAddOut(Schema):
    start: dt.date
    n: int
    date: dt.date
    provisional: bool


class WorkdaysBetweenOut(Schema):
    start: dt.date
    end: dt.date
    count: int
    provisional: bool


def _date(name: str, value: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            {name: _("日期格式应为 YYYY-MM-DD，例如 2026-10-08。")}, code="invalid"
        ) from None
    try:
        calendar.is_provisional(day)  # raises for a day before the calendar begins
    except calendar.CalendarRangeError as exc:
        raise ValidationError({name: exc.messages}) from None
    return day


_DATE = {"description": "YYYY-MM-DD", "example": "2026-10-08"}


@router.get("/add", response=WorkdaysAddOut, summary="起算日后第 N 个工作日")
def add(request, start: str = Query(..., **_DATE), n: int = Query(..., example=20)):
    """The n-th working day after `start` (`start` itself is not counted; n = 0 gives start)."""
    start_date = _date("start", start)
    if not 0 <= n <= MAX_WORKDAYS:
        raise ValidationError({"n": _("n 应为 0 到 %(max)s 之间的整数。") % {"max": MAX_WORKDAYS}})
    day, provisional = calendar.add_workdays(start_date, n)
    return {"start": start_date, "n": n, "date": day, "provisional": provisional}


@router.get("/between", response=WorkdaysBetweenOut, summary="两日之间的工作日数")
def between(request, start: str = Query(..., **_DATE), end: str = Query(..., **_DATE)):
    """Working days after `start` up to and including `end` (negative when end < start)."""
    start_date, end_date = _date("start", start), _date("end", end)
    if abs((end_date - start_date).days) > MAX_WORKDAYS * 2:
        raise ValidationError(
            {"end": _("两个日期相隔不能超过 %(max)s 天。") % {"max": MAX_WORKDAYS * 2}}
        )
    count, provisional = calendar.workdays_between(start_date, end_date)
    return {"start": start_date, "end": end_date, "count": count, "provisional": provisional}
