"""Statistics of citizen messages: volume by category, agency and period, on-time rate,
average reply time (working and calendar days), satisfaction. A fixed number of aggregate
queries whatever the number of messages (no N+1).

On time
    A message handled on the platform has a `message.reply` clock (kernel deadlines): a clock
    that stopped with `met_deadline` is on time, one that stopped late or is still running past
    its due time is late (extensions and pauses are the clock's business). A historical import
    has no clock: its reply is on time when it came within 5 working days after the message day
    (the default of rules.md §7, counted on the work calendar; the extension it may have had is
    not known, so the rate of historical data is a lower bound).

Reply time
    From the message time to the first reply time: calendar days (fractional, 24 h) and working
    days (working days after the message day up to the reply day, on the work calendar).

Where the numbers come from
    The summary (summary.py: per message what it counts and the sums per month, kept by a
    periodic job) corrected live, with the same code, for the messages saved since the job ran
    and the edge days outside the period; reply clocks still running past their due time are
    counted live in one aggregate query (they depend on now). A fixed number of queries (about
    eight) whatever the number of messages or months.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from sunshine.kernel import clock
from sunshine.kernel.ratings.selectors import satisfaction_summary
from sunshine.kernel.workcalendar.calendar import add_workdays, missing_years

from . import summary
from .summary import HISTORICAL_REPLY_WORKDAYS, REPLY_RULE, WorkdayIndex  # noqa: F401

PERIODS = ("month", "year")


@dataclass
class ReplyNumbers:
    replied: int = 0
    on_time: int = 0
    late: int = 0
    workdays_total: int = 0
    days_total: float = 0.0

    @property
    def measured(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.measured if self.measured else None

    @property
    def avg_workdays(self) -> float | None:
        return self.workdays_total / self.replied if self.replied else None

    @property
    def avg_days(self) -> float | None:
        return self.days_total / self.replied if self.replied else None

    def as_dict(self) -> dict:
        return {
            "replied": self.replied,
            "on_time": self.on_time,
            "late": self.late,
            "on_time_rate": self.on_time_rate,
            "avg_workdays": self.avg_workdays,
            "avg_days": self.avg_days,
        }


def historical_due(day: dt.date) -> dt.date:
    """The due day of a historical message (5 working days after its day), for documentation
    and tests; the statistics use the prefix index, which gives the same answer."""
    return add_workdays(day, HISTORICAL_REPLY_WORKDAYS)[0]


def _late_open(agency_ids, since, until, category) -> dict:
    """clock agency → reply clocks running past due of the messages in scope."""
    ranges = None
    if since or until:
        ranges = [(since or summary.EARLIEST, until or clock.today() + dt.timedelta(days=366))]
    return summary.late_open_counts(ranges, agency_ids=agency_ids, category=category)


def _add_reply(numbers: ReplyNumbers, c: summary.Cell) -> None:
    numbers.replied += c.replied
    numbers.workdays_total += c.workdays_total
    numbers.days_total += c.days_total
    numbers.on_time += c.hist_on_time + c.clock_on_time
    numbers.late += c.hist_late + c.clock_late


def _period_start(month: dt.date, period: str) -> dt.datetime:
    day = month if period == "month" else month.replace(month=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


class _PeriodStarts(dict):
    """month → the start of its period, made once per month (a summary has one row per month,
    agency and category: thousands of rows, about a hundred months)."""

    def __init__(self, period: str):
        super().__init__()
        self.period = period

    def __missing__(self, month: dt.date) -> dt.datetime:
        start = self[month] = _period_start(month, self.period)
        return start


def message_statistics(
    *, agency_ids=None, since=None, until=None, period: str = "month", category=None
) -> dict:
    """Everything the statistics pages show, for the given agencies (None = all) and dates
    (inclusive local days of the message time)."""
    period = period if period in PERIODS else "month"
    cells = summary.collect(agency_ids=agency_ids, since=since, until=until, category=category)
    late = _late_open(agency_ids, since, until, category)
    return _statistics(cells, late, agency_ids=agency_ids, since=since, until=until, period=period)


def _statistics(cells, late_open: dict, *, agency_ids, since, until, period) -> dict:
    totals = {"total": 0, "replied": 0, "open": 0}
    categories: dict[str, int] = {}
    agencies: dict = {}
    periods: dict[dt.datetime, list] = {}
    replies = ReplyNumbers()
    starts = _PeriodStarts(period)
    for (month, agency_id, cat), c in cells.items():
        if not c.total:
            continue
        totals["total"] += c.total
        totals["replied"] += c.replied
        totals["open"] += c.open
        categories[cat] = categories.get(cat, 0) + c.total
        a = agencies.setdefault(agency_id, [c.agency_name, 0, 0])
        a[1] += c.total
        a[2] += c.replied
        p = periods.setdefault(starts[month], [0, 0])
        p[0] += c.total
        p[1] += c.replied
        _add_reply(replies, c)
        for on, late in c.other_clocks.values():
            replies.on_time += on
            replies.late += late
    replies.late += sum(late_open.values())
    satisfaction = satisfaction_summary(
        kind="message", agency_ids=agency_ids, since=since, until=until
    )
    provisional = bool(since and until and missing_years(since, until))
    return {
        "totals": totals,
        "by_category": [
            {"category": k, "count": n}
            for k, n in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "by_agency": _by_agency(agencies),
        "by_period": [
            {"period": p, "count": v[0], "replied": v[1]} for p, v in sorted(periods.items())
        ],
        "replies": replies.as_dict(),
        "satisfaction": satisfaction,
        "provisional": provisional,
    }


def _by_agency(agencies: dict) -> list[dict]:
    rows = sorted(agencies.items(), key=lambda kv: (-kv[1][1], kv[1][0] or ""))
    return [
        {"agency_id": agency_id, "agency_name": name or "", "count": n, "replied": replied}
        for agency_id, (name, n, replied) in rows
    ]


def agency_reply_numbers(*, agency_ids=None, since=None, until=None) -> list[dict]:
    """Per agency: volume, on-time rate and reply times (for the cross-agency table). Reply
    clocks count for the agency that held them (a transferred message's first clock counts
    for the first agency, if that agency is in the table)."""
    cells = summary.collect(agency_ids=agency_ids, since=since, until=until)
    return _agency_numbers(cells, _late_open(agency_ids, since, until, None))


def _agency_numbers(cells, late_open: dict) -> list[dict]:
    agencies: dict = {}
    per_agency: dict = {}
    for (_month, agency_id, _cat), c in cells.items():
        if c.total:
            a = agencies.setdefault(agency_id, [c.agency_name, 0, 0])
            a[1] += c.total
            a[2] += c.replied
        numbers = per_agency.setdefault(agency_id, ReplyNumbers())
        _add_reply(numbers, c)
        for clock_agency, (on, late) in c.other_clocks.items():
            other = per_agency.setdefault(clock_agency, ReplyNumbers())
            other.on_time += on
            other.late += late
    for clock_agency, n in late_open.items():
        per_agency.setdefault(clock_agency, ReplyNumbers()).late += n
    return [
        {**v, **per_agency.get(v["agency_id"], ReplyNumbers()).as_dict()}
        for v in _by_agency(agencies)
    ]


def statistics_with_agencies(*, agency_ids=None, since=None, until=None, period="month"):
    """message_statistics and agency_reply_numbers of one scope, from one reading of the
    summary (the workbench page shows both)."""
    period = period if period in PERIODS else "month"
    cells = summary.collect(agency_ids=agency_ids, since=since, until=until)
    late = _late_open(agency_ids, since, until, None)
    result = _statistics(
        cells, late, agency_ids=agency_ids, since=since, until=until, period=period
    )
    return result, _agency_numbers(cells, late)


CACHE_SECONDS = 300


def cached_message_statistics(**kwargs) -> dict:
    """message_statistics for public pages, kept 5 minutes (the numbers need not be live to
    the second; uncached they cost a few queries over the monthly summary)."""
    from django.core.cache import cache

    key = "message_topics:stats:v2:" + ":".join(f"{k}={kwargs[k]}" for k in sorted(kwargs))
    result = cache.get(key)
    if result is None:
        result = message_statistics(**kwargs)
        cache.set(key, result, CACHE_SECONDS)
    return result
