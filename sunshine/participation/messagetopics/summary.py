"""The monthly summary of the message statistics (models.MonthlyMessageStats): built by a
periodic job, read by stats.py together with the messages of the months it does not cover.

One function counts the numbers of some days from the messages (`count_cells`, the definitions
of stats.py); the job stores its result per (local month of the message, agency, category) and
the statistics use the same function for the live part, so both follow one definition.

What the summary covers (`plan_for`): every whole month up to `MessageStatsState.built_through`
(last month, after the job ran) except the months of messages changed since `built_at` (the
messages' own `updated_at`, indexed: a reply, a transfer, a new category, a reopening all save
the message). The rest — the days of a period that are not whole months, the changed months and
this month — is counted live from the messages (index ranges on the message time). Reply clocks
still running past their due time are counted live for the whole period (they depend on now).
The job runs every 10 minutes (`refresh`) and at night recounts the last three months too
(what leaves no trace on the message, e.g. a row deleted in the admin); older history is
recounted with `manage.py rebuild_message_stats --since … --until …`."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sunshine.kernel import clock
from sunshine.kernel.deadlines.models import Clock
from sunshine.participation.messages.models import Message, MessageSource
from sunshine.participation.messages.workflow import MessageState

from .models import MessageStatsState, MonthlyMessageStats

STATE = "monthly"
REPLY_RULE = "message.reply"
HISTORICAL_REPLY_WORKDAYS = 5
OPEN_STATES = (MessageState.SUBMITTED, MessageState.ASSIGNED, MessageState.RETURNED)
NUMBERS = (
    "total", "replied", "open", "workdays_total", "days_total", "hist_on_time", "hist_late",
    "clock_on_time", "clock_late",
)  # fmt: skip
NIGHTLY_MONTHS = 3
# A message saved by a transaction that began before the job read may carry an earlier
# updated_at than the job's start: the next run looks back this much further. (updated_at is
# the wall time Django's auto_now writes, so `built_at` is too, not the kernel clock.)
MARGIN = dt.timedelta(minutes=10)
EARLIEST = dt.date(1970, 1, 1)

Ranges = list[tuple[dt.date, dt.date]]  # inclusive local days
Key = tuple[dt.date, int | None, str]  # (month, agency, category)


@dataclass
class Cell:
    total: int = 0
    replied: int = 0
    open: int = 0
    workdays_total: int = 0
    days_total: float = 0.0
    hist_on_time: int = 0
    hist_late: int = 0
    clock_on_time: int = 0  # stopped reply clocks of the message's own agency
    clock_late: int = 0
    other_clocks: dict = field(default_factory=dict)  # clock agency → [on time, late]
    agency_name: str = ""


def start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _in(ranges: Ranges) -> Q:
    q = Q()
    for a, b in ranges:
        q |= Q(submitted_at__gte=start_of(a), submitted_at__lt=start_of(b + dt.timedelta(days=1)))
    return q


def _messages(ranges: Ranges | None, agency_ids=None, category=None):
    """The messages the statistics count (everything but 不予受理) in `ranges` (None: all)."""
    qs = Message.objects.exclude(state=MessageState.REJECTED).order_by()
    if ranges is not None:
        qs = qs.filter(_in(ranges))
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    if category:
        qs = qs.filter(category=category)
    return qs


def message_type() -> ContentType:
    return ContentType.objects.get_for_model(Message)


class WorkdayIndex:
    """Working days up to each date (a prefix sum of the kernel calendar's is_workday), so that
    100,000 (message, reply) pairs cost one lookup each."""

    def __init__(self):
        self._calendar = None  # one snapshot, taken when first needed (a query)
        self._cum: dict[dt.date, int] = {}
        self._first: dt.date | None = None
        self._last: dt.date | None = None

    def _build(self, a: dt.date, b: dt.date) -> None:
        if self._calendar is None:
            from sunshine.kernel.workcalendar.calendar import current_calendar

            self._calendar = current_calendar()  # is_workday() reads the version otherwise
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
            from sunshine.kernel.workcalendar.calendar import FIRST_DAY

            pad = dt.timedelta(days=366)
            first = a - pad if self._first is None else min(a, self._first) - pad
            last = b + pad if self._last is None else max(b, self._last) + pad
            # Not before the calendar's first day (a date before it still raises, as before).
            self._build(max(first, min(a, FIRST_DAY)), last)
        return self._cum[b] - self._cum[a]


# --- counting from the messages --------------------------------------------------------------


def count_cells(
    ranges: Ranges, *, agency_ids=None, category=None, index: WorkdayIndex | None = None
) -> dict[Key, Cell]:
    """(local month, agency, category) → the numbers of the messages of the days in `ranges`:
    volume, open, replied with calendar and working days to the first reply, historical
    imports on time (≤ 5 wd) or late, stopped reply clocks on time or late. Two queries."""
    cells: dict[Key, Cell] = defaultdict(Cell)
    if not ranges:
        return cells
    index = index or WorkdayIndex()
    qs = _messages(ranges, agency_ids, category)
    keys: dict[int, Key] = {}
    rows = qs.values_list(
        "pk", "agency_id", "agency__name", "category", "state", "submitted_at", "replied_at",
        "source",
    )  # fmt: skip
    # Asia/Shanghai has had no daylight saving time since 1991 (as sql.py in 电子监察): the
    # local day is the UTC time shifted by the zone's offset, without a zoneinfo call per row.
    shift = timezone.localtime().utcoffset()
    for pk, agency_id, name, cat, state, submitted, replied, source in rows.iterator(
        chunk_size=5000
    ):
        local = (submitted + shift).date()
        key = (local.replace(day=1), agency_id, cat or "")
        c = cells[key]
        c.agency_name = name or ""
        c.total += 1
        if state in OPEN_STATES:
            c.open += 1
        if replied is not None:
            c.replied += 1
            c.days_total += max(0.0, (replied - submitted).total_seconds() / 86400)
            workdays = index.between(local, (replied + shift).date())
            c.workdays_total += workdays
            if source == MessageSource.IMPORT:
                if workdays <= HISTORICAL_REPLY_WORKDAYS:
                    c.hist_on_time += 1
                else:
                    c.hist_late += 1
        if source != MessageSource.IMPORT:
            keys[pk] = key
    if not keys:
        return cells
    clocks = Clock.objects.filter(
        content_type=message_type(),
        rule=REPLY_RULE,
        state=Clock.State.STOPPED,
        object_id__in=qs.exclude(source=MessageSource.IMPORT).values("pk"),
    ).values_list("object_id", "agency_id", "met_deadline")
    for object_id, clock_agency, met in clocks.iterator(chunk_size=5000):
        key = keys.get(object_id)
        if key is None or met is None:
            continue
        c = cells[key]
        if clock_agency == key[1]:
            if met:
                c.clock_on_time += 1
            else:
                c.clock_late += 1
        else:
            pair = c.other_clocks.setdefault(clock_agency, [0, 0])
            pair[0 if met else 1] += 1
    return cells


def late_open_clocks(ranges: Ranges | None, *, agency_ids=None, category=None) -> list[tuple]:
    """(clock agency, message agency) of each reply clock not stopped and past its due time
    now, of the counted (not imported) messages of `ranges` (None: all). Driven by the open
    clocks (few), not by the messages."""
    open_late = list(
        Clock.objects.filter(
            content_type=message_type(),
            rule=REPLY_RULE,
            state__in=[Clock.State.RUNNING, Clock.State.PAUSED],
            due_at__lt=clock.now(),
        ).values_list("object_id", "agency_id")
    )
    if not open_late:
        return []
    messages = dict(
        _messages(ranges, agency_ids, category)
        .exclude(source=MessageSource.IMPORT)
        .filter(pk__in={oid for oid, _a in open_late})
        .values_list("pk", "agency_id")
    )
    return [(a, messages[oid]) for oid, a in open_late if oid in messages]


# --- building --------------------------------------------------------------------------------


def _store(months: list[dt.date]) -> int:
    """Replace the summary rows of these months by a fresh count (idempotent)."""
    months = sorted(set(months))
    if not months:
        return 0
    ranges = _month_ranges(months)
    cells = count_cells(ranges)
    MonthlyMessageStats.objects.filter(month__in=months).delete()
    rows = [
        MonthlyMessageStats(
            month=month,
            agency_id=agency_id,
            category=category,
            other_clocks={str(k): v for k, v in c.other_clocks.items()},
            **{name: getattr(c, name) for name in NUMBERS},
        )
        for (month, agency_id, category), c in cells.items()
    ]
    MonthlyMessageStats.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _month_ranges(months: list[dt.date]) -> Ranges:
    ranges: Ranges = []
    for m in sorted(set(months)):
        last = next_month(m) - dt.timedelta(days=1)
        if ranges and ranges[-1][1] + dt.timedelta(days=1) == m:
            ranges[-1] = (ranges[-1][0], last)
        else:
            ranges.append((m, last))
    return ranges


def _months(a: dt.date, b: dt.date) -> list[dt.date]:
    out, m = [], month_of(a)
    while m <= b:
        out.append(m)
        m = next_month(m)
    return out


def _store_span(a: dt.date, b: dt.date) -> int:
    months = _months(a, b)
    return sum(_store(months[k : k + 12]) for k in range(0, len(months), 12))


def first_month() -> dt.date | None:
    first = Message.objects.order_by("submitted_at").values_list("submitted_at", flat=True).first()
    return month_of(timezone.localdate(first)) if first else None


def last_full_month() -> dt.date:
    return month_of(month_of(clock.today()) - dt.timedelta(days=1))


def changed_months(state: MessageStatsState) -> set[dt.date]:
    """The built months of messages saved since the last build."""
    if state.built_at is None or state.built_through is None:
        return set()
    # No ORDER BY: with the model's ordering SQLite walks the submitted_at index (every row).
    times = (
        Message.objects.filter(updated_at__gte=state.built_at)
        .order_by()
        .values_list("submitted_at", flat=True)
    )
    months = {month_of(timezone.localdate(t)) for t in times}
    return {m for m in months if m <= state.built_through}


def rebuild(*, since: dt.date | None = None, until: dt.date | None = None) -> int:
    """Recount the months of since..until (default: from the first message to last month).
    Idempotent. A rebuild from the first month marks the summary built; a partial one extends
    what is built only when it joins it. Returns the number of rows written."""
    last = last_full_month()
    until = min(month_of(until) if until else last, last)
    first = first_month()
    since = month_of(since) if since else (first or until)
    started = timezone.now() - MARGIN  # wall time, as the messages' updated_at
    with transaction.atomic():
        state, _ = MessageStatsState.objects.select_for_update().get_or_create(name=STATE)
        written = _store_span(since, until) if since <= until else 0
        built = state.built_through
        if (first is None or since <= first) and (built is None or until >= built):
            state.built_through, state.built_at = until, started
        elif built is not None and since <= next_month(built) and until > built:
            state.built_through = until
        state.save()
    return written


def refresh(*, recount_months: int = 0) -> dict:
    """The periodic job: count the months since the last build up to last month and the
    changed months again (and the last `recount_months` months when given). Idempotent; the
    first run builds the whole history."""
    last = last_full_month()
    started = timezone.now() - MARGIN  # wall time, as the messages' updated_at
    with transaction.atomic():
        state, _ = MessageStatsState.objects.select_for_update().get_or_create(name=STATE)
        if state.built_through is None:
            first = first_month()
            rows = _store_span(first, last) if first is not None else 0
            state.built_through, state.built_at = last, started
            state.save()
            return {"rows": rows, "months": None}
        months = changed_months(state)
        m = next_month(state.built_through)
        while m <= last:
            months.add(m)
            m = next_month(m)
        m = last
        for _k in range(recount_months):
            months.add(m)
            m = month_of(m - dt.timedelta(days=1))
        months = {m for m in months if m <= last}
        rows = sum(_store(sorted(months)[k : k + 12]) for k in range(0, len(months), 12))
        state.built_through = max(state.built_through, last)
        state.built_at = started
        state.save()
    return {"rows": rows, "months": len(months)}


# --- reading ---------------------------------------------------------------------------------


@dataclass
class Plan:
    """Whole months read from the summary (`first`..`last` minus `skip`) and the day ranges
    counted live."""

    first: dt.date | None
    last: dt.date | None
    skip: set[dt.date]
    live: Ranges


def plan_for(since: dt.date | None, until: dt.date | None) -> Plan:
    since = since or EARLIEST
    until = until or clock.today() + dt.timedelta(days=366)
    state = MessageStatsState.objects.filter(name=STATE).first()
    built = state.built_through if state is not None else None
    first = since if since.day == 1 else next_month(since)
    last = month_of(until + dt.timedelta(days=1)) - dt.timedelta(days=1)  # last whole month's end
    last = month_of(last) if last >= first else None
    if built is None or last is None or first > built:
        return Plan(None, None, set(), [(since, until)])
    last = min(last, built)
    if last < first:
        return Plan(None, None, set(), [(since, until)])
    skip = {m for m in changed_months(state) if first <= m <= last}
    live: Ranges = []
    if since < first:
        live.append((since, first - dt.timedelta(days=1)))
    live += _month_ranges(sorted(skip))
    after = next_month(last)
    if after <= until:
        live.append((after, until))
    return Plan(first, last, skip, _merge(live))


def _merge(ranges: Ranges) -> Ranges:
    out: Ranges = []
    for a, b in sorted(ranges):
        if out and out[-1][1] + dt.timedelta(days=1) >= a:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def collect(*, agency_ids=None, since=None, until=None, category=None) -> dict[Key, Cell]:
    """(month, agency, category) → numbers over the messages of since..until (inclusive local
    days; None: unbounded): the summary rows plus the live count of what it does not cover."""
    plan = plan_for(since, until)
    cells: dict[Key, Cell] = defaultdict(Cell)
    if plan.first is not None:
        rows = MonthlyMessageStats.objects.filter(month__gte=plan.first, month__lte=plan.last)
        if plan.skip:
            rows = rows.exclude(month__in=sorted(plan.skip))
        if agency_ids is not None:
            rows = rows.filter(agency_id__in=list(agency_ids))
        if category:
            rows = rows.filter(category=category)
        for month, agency_id, name, cat, *values, other in rows.values_list(
            "month", "agency_id", "agency__name", "category", *NUMBERS, "other_clocks"
        ):
            c = cells[(month, agency_id, cat)]
            c.agency_name = name or ""
            for attr, value in zip(NUMBERS, values, strict=True):
                setattr(c, attr, getattr(c, attr) + value)
            for k, (on, late) in other.items():
                pair = c.other_clocks.setdefault(None if k == "None" else int(k), [0, 0])
                pair[0] += on
                pair[1] += late
    live = count_cells(plan.live, agency_ids=agency_ids, category=category)
    for key, c in live.items():
        target = cells[key]
        target.agency_name = c.agency_name
        for attr in NUMBERS:
            setattr(target, attr, getattr(target, attr) + getattr(c, attr))
        for k, (on, late) in c.other_clocks.items():
            pair = target.other_clocks.setdefault(k, [0, 0])
            pair[0] += on
            pair[1] += late
    return cells
