"""Five-field crontab expressions (minute hour day month weekday), evaluated in Asia/Shanghai
with APScheduler's CronTrigger.

APScheduler 3 numbers weekdays from Monday = 0, crontab from Sunday = 0 (and 7); its own
`CronTrigger.from_crontab` keeps that mismatch for compatibility. We translate the weekday
field into names, so `0 9 * * 1-5` means Monday to Friday, as any crontab reader expects."""

import datetime as dt
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

SCHEDULE_TZ = ZoneInfo("Asia/Shanghai")
_DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]


def _weekday_number(token: str) -> int:
    token = token.strip().lower()
    if token[:3] in _DAY_NAMES and not token.isdigit():
        return _DAY_NAMES.index(token[:3])
    number = int(token)
    if not 0 <= number <= 7:
        raise ValueError(f"weekday out of range: {token!r}")
    return number


def crontab_weekdays(field: str) -> str:
    """A crontab weekday field (`1-5`, `0,6`, `*/2`, `mon-fri`) as APScheduler day names."""
    if field == "*":
        return "*"
    days: set[int] = set()
    for part in field.split(","):
        span, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if step < 1:
            raise ValueError(f"bad step in weekday field: {field!r}")
        if span == "*":
            first, last = 0, 6
        elif "-" in span:
            start, end = span.split("-", 1)
            first, last = _weekday_number(start), _weekday_number(end)
        else:
            first = _weekday_number(span)
            last = 6 if step_text else first
        if first > last:
            raise ValueError(f"bad weekday range: {part!r}")
        days.update(day % 7 for day in range(first, last + 1, step))
    return ",".join(_DAY_NAMES[day] for day in sorted(days))


def cron_trigger(expr: str) -> CronTrigger:
    """The trigger for a five-field crontab expression; ValueError when it is malformed."""
    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(f"a crontab needs 5 fields, got {len(fields)}: {expr!r}")
    minute, hour, day, month, weekday = fields
    return CronTrigger(
        minute=minute,
        hour=hour,
        day=day,
        month=month,
        day_of_week=crontab_weekdays(weekday),
        timezone=SCHEDULE_TZ,
    )


def next_fire_time(expr: str, after: dt.datetime) -> dt.datetime | None:
    """The first cron time strictly after `after` (an aware datetime)."""
    return cron_trigger(expr).get_next_fire_time(None, after + dt.timedelta(microseconds=1))


def fired_between(expr: str, after: dt.datetime, until: dt.datetime) -> bool:
    """Whether the cron expression has a time in (after, until]."""
    moment = next_fire_time(expr, after)
    return moment is not None and moment <= until
