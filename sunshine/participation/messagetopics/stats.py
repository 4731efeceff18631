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
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth, TruncYear
from django.utils import timezone

from sunshine.kernel import clock
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.ratings.selectors import satisfaction_summary
from sunshine.kernel.workcalendar.calendar import add_workdays, current_calendar, missing_years
from sunshine.participation.messages.models import Message, MessageSource
from sunshine.participation.messages.workflow import MessageState

REPLY_RULE = "message.reply"
HISTORICAL_REPLY_WORKDAYS = 5
PERIODS = {"month": TruncMonth, "year": TruncYear}


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


def base_queryset(*, agency_ids=None, since=None, until=None, category=None):
    """Messages counted by the statistics: everything but 不予受理; `since`/`until` are dates
    (inclusive) on the message time."""
    qs = Message.objects.exclude(state=MessageState.REJECTED)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    if since:
        qs = qs.filter(submitted_at__gte=_start(since))
    if until:
        qs = qs.filter(submitted_at__lt=_start(until + dt.timedelta(days=1)))
    if category:
        qs = qs.filter(category=category)
    return qs


def _start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def volume_by_category(qs) -> list[dict]:
    rows = qs.values("category").annotate(n=Count("id")).order_by("-n", "category")
    return [{"category": r["category"] or "", "count": r["n"]} for r in rows]


def volume_by_period(qs, *, period: str = "month") -> list[dict]:
    trunc = PERIODS.get(period, TruncMonth)
    rows = (
        qs.annotate(p=trunc("submitted_at"))
        .values("p")
        .annotate(n=Count("id"), replied=Count("id", filter=Q(replied_at__isnull=False)))
        .order_by("p")
    )
    return [{"period": r["p"], "count": r["n"], "replied": r["replied"]} for r in rows]


def volume_by_agency(qs) -> list[dict]:
    rows = (
        qs.values("agency_id", "agency__name")
        .annotate(n=Count("id"), replied=Count("id", filter=Q(replied_at__isnull=False)))
        .order_by("-n", "agency__name")
    )
    return [
        {
            "agency_id": r["agency_id"],
            "agency_name": r["agency__name"] or "",
            "count": r["n"],
            "replied": r["replied"],
        }
        for r in rows
    ]


class WorkdayIndex:
    """Working days up to each date (a prefix sum of the kernel calendar's is_workday), so that
    100,000 (message, reply) pairs cost one lookup each."""

    def __init__(self):
        self._calendar = current_calendar()  # one snapshot (is_workday() reads the version)
        self._cum: dict[dt.date, int] = {}
        self._first: dt.date | None = None
        self._last: dt.date | None = None

    def _build(self, a: dt.date, b: dt.date) -> None:
        self._first, self._last, self._cum = a, b, {}
        total, day = 0, a
        while day <= b:
            total += 1 if self._calendar.is_workday(day) else 0
            self._cum[day] = total
            day += dt.timedelta(days=1)

    def between(self, a: dt.date, b: dt.date) -> int:
        """Working days after a up to and including b (0 when b ≤ a)."""
        if b <= a:
            return 0
        if self._first is None or a < self._first or b > self._last:
            # Grow by a year at least on each side: rows come in any order, and rebuilding for
            # every new earliest date would cost one pass over the range per row.
            pad = dt.timedelta(days=366)
            first = a - pad if self._first is None else min(a, self._first) - pad
            last = b + pad if self._last is None else max(b, self._last) + pad
            self._build(first, last)
        return self._cum[b] - self._cum[a]


def reply_numbers(qs) -> ReplyNumbers:
    """Replied count, on-time/late and reply times for the messages of `qs` (three queries)."""
    out = ReplyNumbers()
    index = WorkdayIndex()
    rows = qs.filter(replied_at__isnull=False).values_list("submitted_at", "replied_at", "source")
    for submitted, replied, source in rows.iterator(chunk_size=5000):
        out.replied += 1
        out.days_total += max(0.0, (replied - submitted).total_seconds() / 86400)
        a, b = timezone.localdate(submitted), timezone.localdate(replied)
        workdays = index.between(a, b)
        out.workdays_total += workdays
        if source == MessageSource.IMPORT:
            if workdays <= HISTORICAL_REPLY_WORKDAYS:
                out.on_time += 1
            else:
                out.late += 1
    ct = ContentType.objects.get_for_model(Message)
    clocks = Clock.objects.filter(
        content_type=ct,
        rule=REPLY_RULE,
        object_id__in=qs.exclude(source=MessageSource.IMPORT).values("pk"),
    ).aggregate(
        on_time=Count("id", filter=Q(state=Clock.State.STOPPED, met_deadline=True)),
        late_stopped=Count("id", filter=Q(state=Clock.State.STOPPED, met_deadline=False)),
        late_open=Count("id", filter=~Q(state=Clock.State.STOPPED) & Q(due_at__lt=clock.now())),
    )
    out.on_time += clocks["on_time"]
    out.late += clocks["late_stopped"] + clocks["late_open"]
    return out


def historical_due(day: dt.date) -> dt.date:
    """The due day of a historical message (5 working days after its day), for documentation
    and tests; the statistics use the prefix index, which gives the same answer."""
    return add_workdays(day, HISTORICAL_REPLY_WORKDAYS)[0]


def message_statistics(
    *, agency_ids=None, since=None, until=None, period: str = "month", category=None
) -> dict:
    """Everything the statistics pages show, for the given agencies (None = all) and dates."""
    qs = base_queryset(agency_ids=agency_ids, since=since, until=until, category=category)
    totals = qs.aggregate(
        total=Count("id"),
        replied=Count("id", filter=Q(replied_at__isnull=False)),
        open=Count(
            "id",
            filter=Q(
                state__in=[MessageState.SUBMITTED, MessageState.ASSIGNED, MessageState.RETURNED]
            ),
        ),
    )
    replies = reply_numbers(qs)
    satisfaction = satisfaction_summary(
        kind="message", agency_ids=agency_ids, since=since, until=until
    )
    provisional = bool(since and until and missing_years(since, until))
    return {
        "totals": totals,
        "by_category": volume_by_category(qs),
        "by_agency": volume_by_agency(qs),
        "by_period": volume_by_period(qs, period=period),
        "replies": replies.as_dict(),
        "satisfaction": satisfaction,
        "provisional": provisional,
    }


def agency_reply_numbers(*, agency_ids=None, since=None, until=None) -> list[dict]:
    """Per agency: volume, on-time rate and reply times (for the cross-agency table).
    Queries: one per agency group is avoided by splitting the rows in Python."""
    qs = base_queryset(agency_ids=agency_ids, since=since, until=until)
    volumes = volume_by_agency(qs)
    per_agency: dict[int | None, ReplyNumbers] = {}
    index = WorkdayIndex()
    rows = qs.filter(replied_at__isnull=False).values_list(
        "agency_id", "submitted_at", "replied_at", "source"
    )
    for agency_id, submitted, replied, source in rows.iterator(chunk_size=5000):
        numbers = per_agency.setdefault(agency_id, ReplyNumbers())
        numbers.replied += 1
        numbers.days_total += max(0.0, (replied - submitted).total_seconds() / 86400)
        workdays = index.between(timezone.localdate(submitted), timezone.localdate(replied))
        numbers.workdays_total += workdays
        if source == MessageSource.IMPORT:
            if workdays <= HISTORICAL_REPLY_WORKDAYS:
                numbers.on_time += 1
            else:
                numbers.late += 1
    ct = ContentType.objects.get_for_model(Message)
    clock_rows = (
        Clock.objects.filter(
            content_type=ct,
            rule=REPLY_RULE,
            object_id__in=qs.exclude(source=MessageSource.IMPORT).values("pk"),
        )
        .values("agency_id")
        .annotate(
            on_time=Count("id", filter=Q(state=Clock.State.STOPPED, met_deadline=True)),
            late=Count(
                "id",
                filter=Q(state=Clock.State.STOPPED, met_deadline=False)
                | (~Q(state=Clock.State.STOPPED) & Q(due_at__lt=clock.now())),
            ),
        )
        .order_by()
    )
    for row in clock_rows:
        numbers = per_agency.setdefault(row["agency_id"], ReplyNumbers())
        numbers.on_time += row["on_time"]
        numbers.late += row["late"]
    return [{**v, **per_agency.get(v["agency_id"], ReplyNumbers()).as_dict()} for v in volumes]


CACHE_SECONDS = 300


def cached_message_statistics(**kwargs) -> dict:
    """message_statistics for public pages, kept 5 minutes (a full scan of the replied messages
    costs about a second at 100,000 messages; the numbers need not be live to the second)."""
    from django.core.cache import cache

    key = "message_topics:stats:v1:" + ":".join(f"{k}={kwargs[k]}" for k in sorted(kwargs))
    result = cache.get(key)
    if result is None:
        result = message_statistics(**kwargs)
        cache.set(key, result, CACHE_SECONDS)
    return result
