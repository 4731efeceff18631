"""The summary of the message statistics: per message what it adds (models.MessageStatsFact)
and their sums per (local month of the message, agency, category) (models.MonthlyMessageStats),
kept by a periodic job; stats.py reads the sums and corrects them live for what changed since.

One function counts messages (`_count`, the definitions of stats.py); the job stores its result
per message and the statistics use the same function for the live part, so both follow one
definition.

- The job (`refresh`, every 10 minutes) counts again every message saved since its last run
  (`Message.updated_at`, indexed: a reply, a transfer, a new category, a rejection, a reopening
  all save the message), replaces their facts and re-adds the months they touch from the facts.
  The first run counts everything. At night it also recounts the last three months and takes
  out the facts of messages deleted outside the ORM (an anti-join: too slow for a page).
- A page (`collect`) reads the month sums of the whole months of its period and corrects them
  for the messages saved since the job's `built_at`: their stored facts out, their live count
  in — a few dozen messages at most, whatever the size of the month. The days of the edge
  months outside the period are counted live and taken out (none for a period ending today).
- A message deleted through the ORM is taken out of its month at once (`forget`, a post_delete
  receiver), so the numbers stay exact between runs.
- Reply clocks still running past their due time are counted live, in one aggregate query
  (they depend on now)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from sunshine.kernel import clock
from sunshine.kernel.deadlines.models import Clock
from sunshine.participation.messages.models import Message, MessageSource
from sunshine.participation.messages.workflow import MessageState

from .models import MessageStatsFact, MessageStatsState, MonthlyMessageStats

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
# updated_at than the job's start: the next run (and the pages) look back this much further.
# (updated_at is the wall time Django's auto_now writes, so `built_at` is too, not the kernel
# clock.)
MARGIN = dt.timedelta(minutes=10)
CHUNK = 2000  # messages per query when counting a list of them
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

    def add(self, other: "Cell", sign: int = 1) -> None:
        for name in NUMBERS:
            setattr(self, name, getattr(self, name) + sign * getattr(other, name))
        for k, (on, late) in other.other_clocks.items():
            pair = self.other_clocks.setdefault(k, [0, 0])
            pair[0] += sign * on
            pair[1] += sign * late
        self.agency_name = other.agency_name or self.agency_name

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in NUMBERS) and not any(
            on or late for on, late in self.other_clocks.values()
        )


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


def _count(qs, index: WorkdayIndex) -> dict[int, tuple[Key, Cell]]:
    """message pk → ((local month, agency, category), what it counts): volume, open, replied
    with calendar and working days to the first reply, historical imports on time (≤ 5 wd) or
    late, stopped reply clocks on time or late. Two queries."""
    facts: dict[int, tuple[Key, Cell]] = {}
    rows = qs.values_list(
        "pk", "agency_id", "agency__name", "category", "state", "submitted_at", "replied_at",
        "source",
    )  # fmt: skip
    # Asia/Shanghai has had no daylight saving time since 1991 (as sql.py in 电子监察): the
    # local day is the UTC time shifted by the zone's offset, without a zoneinfo call per row.
    shift = timezone.localtime().utcoffset()
    platform = False
    for pk, agency_id, name, cat, state, submitted, replied, source in rows.iterator(
        chunk_size=5000
    ):
        local = (submitted + shift).date()
        c = Cell(total=1, agency_name=name or "")
        if state in OPEN_STATES:
            c.open = 1
        if replied is not None:
            c.replied = 1
            c.days_total = max(0.0, (replied - submitted).total_seconds() / 86400)
            c.workdays_total = index.between(local, (replied + shift).date())
            if source == MessageSource.IMPORT:
                if c.workdays_total <= HISTORICAL_REPLY_WORKDAYS:
                    c.hist_on_time = 1
                else:
                    c.hist_late = 1
        platform = platform or source != MessageSource.IMPORT
        facts[pk] = ((local.replace(day=1), agency_id, cat or ""), c)
    if not platform:
        return facts
    clocks = Clock.objects.filter(
        content_type=message_type(),
        rule=REPLY_RULE,
        state=Clock.State.STOPPED,
        object_id__in=qs.exclude(source=MessageSource.IMPORT).values("pk"),
    ).values_list("object_id", "agency_id", "met_deadline")
    for object_id, clock_agency, met in clocks.iterator(chunk_size=5000):
        found = facts.get(object_id)
        if found is None or met is None:
            continue
        key, c = found
        if clock_agency == key[1]:
            if met:
                c.clock_on_time += 1
            else:
                c.clock_late += 1
        else:
            pair = c.other_clocks.setdefault(clock_agency, [0, 0])
            pair[0 if met else 1] += 1
    return facts


def _sum(facts) -> dict[Key, Cell]:
    cells: dict[Key, Cell] = defaultdict(Cell)
    for key, c in facts:
        cells[key].add(c)
    return cells


def count_cells(
    ranges: Ranges, *, agency_ids=None, category=None, pks=None, index: WorkdayIndex | None = None
) -> dict[Key, Cell]:
    """(local month, agency, category) → the numbers of the messages of the days in `ranges`
    (and among `pks` when given), counted from the messages."""
    if not ranges or pks is not None and not pks:
        return defaultdict(Cell)
    index = index or WorkdayIndex()
    qs = _messages(ranges, agency_ids, category)
    if pks is None:
        return _sum(_count(qs, index).values())
    cells: dict[Key, Cell] = defaultdict(Cell)
    pks = sorted(pks)
    for k in range(0, len(pks), CHUNK):
        for key, c in _count(qs.filter(pk__in=pks[k : k + CHUNK]), index).values():
            cells[key].add(c)
    return cells


def late_open_counts(ranges: Ranges | None, *, agency_ids=None, category=None) -> dict:
    """clock agency → the number of reply clocks not stopped and past their due time now, of
    the counted (not imported) messages of `ranges` (None: all). One aggregate query driven by
    the open clocks (each checks its message by primary key)."""
    messages = _messages(ranges, agency_ids, category).exclude(source=MessageSource.IMPORT)
    rows = (
        Clock.objects.filter(
            content_type=message_type(),
            rule=REPLY_RULE,
            state__in=[Clock.State.RUNNING, Clock.State.PAUSED],
            due_at__lt=clock.now(),
        )
        .filter(Exists(messages.filter(pk=OuterRef("object_id"))))
        .values("agency_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["agency_id"]: r["n"] for r in rows}


# --- building --------------------------------------------------------------------------------


def _fact(pk: int, key: Key, c: Cell) -> MessageStatsFact:
    month, agency_id, category = key
    return MessageStatsFact(
        message_id=pk,
        month=month,
        agency_id=agency_id,
        category=category,
        other_clocks={str(k): v for k, v in c.other_clocks.items()},
        **{name: getattr(c, name) for name in NUMBERS},
    )


def _other(stored: dict) -> dict:
    return {None if k == "None" else int(k): list(v) for k, v in stored.items()}


def _recount(pks) -> set[dt.date]:
    """Count these messages again and replace their facts (one that is gone or rejected loses
    its fact). Returns the months whose sums changed."""
    pks = sorted(set(pks))
    months: set[dt.date] = set()
    index = WorkdayIndex()
    for k in range(0, len(pks), CHUNK):
        chunk = pks[k : k + CHUNK]
        old = MessageStatsFact.objects.filter(message_id__in=chunk)
        months.update(old.values_list("month", flat=True).distinct())
        old.delete()
        new = _count(_messages(None).filter(pk__in=chunk), index)
        MessageStatsFact.objects.bulk_create(
            [_fact(pk, key, c) for pk, (key, c) in new.items()], batch_size=1000
        )
        months.update(key[0] for key, _c in new.values())
    return months


def _build_all() -> None:
    """Count every message (the first run): the facts, in ranges of primary keys."""
    MessageStatsFact.objects.all().delete()
    index = WorkdayIndex()
    last = Message.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    step = 20_000
    for low in range(0, last, step):
        qs = _messages(None).filter(pk__gt=low, pk__lte=low + step)
        MessageStatsFact.objects.bulk_create(
            [_fact(pk, key, c) for pk, (key, c) in _count(qs, index).items()], batch_size=1000
        )


def _add_up(months) -> int:
    """Replace the sums of these months by the sums of their facts. Returns the rows written."""
    months = sorted(set(months))
    written = 0
    for k in range(0, len(months), 12):
        chunk = months[k : k + 12]
        cells: dict[Key, Cell] = defaultdict(Cell)
        rows = MessageStatsFact.objects.filter(month__in=chunk).values_list(
            "month", "agency_id", "category", *NUMBERS, "other_clocks"
        )
        for month, agency_id, category, *values, other in rows.iterator(chunk_size=5000):
            c = cells[(month, agency_id, category)]
            for name, value in zip(NUMBERS, values, strict=True):
                setattr(c, name, getattr(c, name) + value)
            for a, (on, late) in _other(other).items():
                pair = c.other_clocks.setdefault(a, [0, 0])
                pair[0] += on
                pair[1] += late
        MonthlyMessageStats.objects.filter(month__in=chunk).delete()
        made = MonthlyMessageStats.objects.bulk_create(
            [_sum_row(key, c) for key, c in cells.items()], batch_size=1000
        )
        written += len(made)
    return written


def _sum_row(key: Key, c: Cell) -> MonthlyMessageStats:
    month, agency_id, category = key
    return MonthlyMessageStats(
        month=month,
        agency_id=agency_id,
        category=category,
        other_clocks={str(k): v for k, v in c.other_clocks.items()},
        **{name: getattr(c, name) for name in NUMBERS},
    )


def _months(a: dt.date, b: dt.date) -> list[dt.date]:
    out, m = [], month_of(a)
    while m <= b:
        out.append(m)
        m = next_month(m)
    return out


def _month_ranges(months) -> Ranges:
    ranges: Ranges = []
    for m in sorted(set(months)):
        last = next_month(m) - dt.timedelta(days=1)
        if ranges and ranges[-1][1] + dt.timedelta(days=1) == m:
            ranges[-1] = (ranges[-1][0], last)
        else:
            ranges.append((m, last))
    return ranges


def _of_months(months) -> set[int]:
    """The messages of these months and those the facts hold for them (deleted ones too)."""
    pks = set(MessageStatsFact.objects.filter(month__in=sorted(months)).values_list(
        "message_id", flat=True
    ))  # fmt: skip
    ranges = _month_ranges(months)
    if ranges:
        pks.update(_messages(None).filter(_in(ranges)).values_list("pk", flat=True))
    return pks


def _gone() -> set[int]:
    """Facts of messages that no longer exist (deleted outside the ORM): an anti-join over every
    fact, for the nightly run."""
    return set(
        MessageStatsFact.objects.exclude(message_id__in=Message.objects.values("pk")).values_list(
            "message_id", flat=True
        )
    )


def _build(state: MessageStatsState, started: dt.datetime) -> int:
    _build_all()
    months = MessageStatsFact.objects.values_list("month", flat=True).distinct()
    MonthlyMessageStats.objects.all().delete()
    written = _add_up(list(months))
    state.built_at, state.built_through = started, month_of(clock.today())
    state.save()
    return written


def rebuild(*, since: dt.date | None = None, until: dt.date | None = None) -> int:
    """Recount the messages of the months since..until (default: everything; the first run
    counts everything whatever the period). Idempotent. Returns the number of rows written."""
    started = timezone.now() - MARGIN  # wall time, as the messages' updated_at
    with transaction.atomic():
        state, _ = MessageStatsState.objects.select_for_update().get_or_create(name=STATE)
        if state.built_at is None or (since is None and until is None):
            return _build(state, started)
        first = month_of(since) if since else first_month() or month_of(clock.today())
        last = month_of(until) if until else month_of(clock.today())
        months = _recount(_of_months(_months(first, last))) | set(_months(first, last))
        return _add_up(months)


def first_month() -> dt.date | None:
    first = Message.objects.order_by("submitted_at").values_list("submitted_at", flat=True).first()
    return month_of(timezone.localdate(first)) if first else None


def changed_since(built_at: dt.datetime) -> list[int]:
    """The messages saved since the summary was built (newest first)."""
    # No ORDER BY on the model's ordering: SQLite would walk the submitted_at index.
    return list(
        Message.objects.filter(updated_at__gte=built_at).order_by().values_list("pk", flat=True)
    )


def refresh(*, recount_months: int = 0) -> dict:
    """The periodic job: count again the messages saved since the last run (and those of the
    last `recount_months` months, with the facts of messages deleted outside the ORM, when
    given) and add their months up again. Idempotent; the first run counts everything."""
    started = timezone.now() - MARGIN  # wall time, as the messages' updated_at
    with transaction.atomic():
        state, _ = MessageStatsState.objects.select_for_update().get_or_create(name=STATE)
        if state.built_at is None:
            rows = _build(state, started)
            return {"rows": rows, "messages": None, "months": None}
        pks = set(changed_since(state.built_at))
        months: set[dt.date] = set()
        if recount_months:
            this = month_of(clock.today())
            recent = [this]
            for _k in range(recount_months):
                recent.append(month_of(recent[-1] - dt.timedelta(days=1)))
            pks |= _of_months(recent) | _gone()
            months.update(recent)
        months |= _recount(pks)
        rows = _add_up(months)
        state.built_at, state.built_through = started, month_of(clock.today())
        state.save()
    return {"rows": rows, "messages": len(pks), "months": len(months)}


def forget(message_ids) -> None:
    """Take deleted messages out of the summary at once (post_delete of Message): their facts
    leave their months' sums."""
    facts = list(MessageStatsFact.objects.filter(message_id__in=list(message_ids)))
    for f in facts:
        row = (
            MonthlyMessageStats.objects.select_for_update()
            .filter(month=f.month, agency_id=f.agency_id, category=f.category)
            .first()
        )
        if row is not None:
            for name in NUMBERS:
                setattr(row, name, getattr(row, name) - getattr(f, name))
            other = _other(row.other_clocks)
            for a, (on, late) in _other(f.other_clocks).items():
                pair = other.setdefault(a, [0, 0])
                pair[0] -= on
                pair[1] -= late
            row.other_clocks = {str(a): v for a, v in other.items() if any(v)}
            if row.total <= 0:
                row.delete()
            else:
                row.save()
        f.delete()


def _deleted(sender, instance, **kwargs) -> None:
    forget([instance.pk])


def needs_build() -> bool:
    """Messages exist and the summary was never built (a new installation, or migration 0003,
    which made the summary the sum of per-message facts and asks for a first run)."""
    state = MessageStatsState.objects.filter(name=STATE).first()
    return (state is None or state.built_at is None) and Message.objects.exists()


def backfill_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate: build the summary at once when it needs building, so that the pages do not
    count every message live until the job's first run (minutes at 100,000 messages)."""
    from django.db import DEFAULT_DB_ALIAS, connections

    if using != DEFAULT_DB_ALIAS:
        return
    tables = set(connections[using].introspection.table_names())
    needed = (Message._meta.db_table, MessageStatsFact._meta.db_table,
              MessageStatsState._meta.db_table, MonthlyMessageStats._meta.db_table)  # fmt: skip
    if not all(t in tables for t in needed):
        return  # migrated backwards, or not this far yet
    if needs_build():
        refresh()


def install() -> None:
    """Connect `forget` to the deletion of a message and the first build to `migrate` (feature
    manifest)."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_migrate

    post_delete.connect(_deleted, sender=Message, dispatch_uid="message_stats_forget")
    post_migrate.connect(
        backfill_after_migrate,
        sender=apps.get_app_config("message_topics"),
        dispatch_uid="message_stats_backfill",
    )


# --- reading ---------------------------------------------------------------------------------


def _summed(months: tuple[dt.date, dt.date], agency_ids, category) -> dict[Key, Cell]:
    cells: dict[Key, Cell] = defaultdict(Cell)
    rows = MonthlyMessageStats.objects.filter(month__gte=months[0], month__lte=months[1])
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=list(agency_ids))
    if category:
        rows = rows.filter(category=category)
    for month, agency_id, name, cat, *values, other in rows.values_list(
        "month", "agency_id", "agency__name", "category", *NUMBERS, "other_clocks"
    ):
        key = (month, agency_id, cat)
        # One row per key (the job writes them so): made at once, added only if repeated.
        c = Cell(*values, other_clocks=_other(other) if other else {}, agency_name=name or "")
        if key in cells:
            cells[key].add(c)
        else:
            cells[key] = c
    return cells


def _stored(pks: list[int], months: tuple[dt.date, dt.date], agency_ids, category):
    """The facts of these messages as the summary holds them, in its months and scope."""
    out = []
    for k in range(0, len(pks), CHUNK):
        facts = MessageStatsFact.objects.filter(
            message_id__in=pks[k : k + CHUNK], month__gte=months[0], month__lte=months[1]
        )
        if agency_ids is not None:
            facts = facts.filter(agency_id__in=list(agency_ids))
        if category:
            facts = facts.filter(category=category)
        for month, agency_id, cat, *values, other in facts.values_list(
            "month", "agency_id", "category", *NUMBERS, "other_clocks"
        ):
            c = Cell(**dict(zip(NUMBERS, values, strict=True)), other_clocks=_other(other))
            out.append(((month, agency_id, cat), c))
    return out


@dataclass
class Plan:
    """How `collect` answers a period: the month sums of `months` (first, last: inclusive), the
    messages saved since the build counted again in them, minus the days `outside` the period
    in its edge months (counted live); or everything live (`months` None: nothing built)."""

    months: tuple[dt.date, dt.date] | None
    changed: list[int]
    outside: Ranges


def plan_for(since: dt.date | None, until: dt.date | None) -> Plan:
    since = since or EARLIEST
    until = until or clock.today() + dt.timedelta(days=366)
    state = MessageStatsState.objects.filter(name=STATE).first()
    if state is None or state.built_at is None:
        return Plan(None, [], [(since, until)])
    first, last = month_of(since), month_of(until)
    outside: Ranges = []
    if since > first:
        outside.append((first, since - dt.timedelta(days=1)))
    end = next_month(last) - dt.timedelta(days=1)
    if until < end and until < clock.today() + dt.timedelta(days=366):
        # A period that ends today leaves out the rest of this month: days to come, whose
        # messages there are none of (the range is an empty index lookup), unless dated ahead.
        outside.append((until + dt.timedelta(days=1), end))
    return Plan((first, last), changed_since(state.built_at), outside)


def collect(*, agency_ids=None, since=None, until=None, category=None) -> dict[Key, Cell]:
    """(month, agency, category) → numbers over the messages of since..until (inclusive local
    days; None: unbounded): the summary's sums, corrected for what changed since it was built
    and for the edge days outside the period."""
    plan = plan_for(since, until)
    if plan.months is None:
        return count_cells(plan.outside, agency_ids=agency_ids, category=category)
    cells = _summed(plan.months, agency_ids, category)
    index = WorkdayIndex()
    if plan.changed:
        for key, c in _stored(plan.changed, plan.months, agency_ids, category):
            cells[key].add(c, -1)
        whole = [(plan.months[0], next_month(plan.months[1]) - dt.timedelta(days=1))]
        live = count_cells(
            whole, agency_ids=agency_ids, category=category, pks=plan.changed, index=index
        )
        for key, c in live.items():
            cells[key].add(c)
    if plan.outside:
        # Counted as they are now: the summary holds them as they are now too, once corrected.
        out = count_cells(plan.outside, agency_ids=agency_ids, category=category, index=index)
        for key, c in out.items():
            cells[key].add(c, -1)
    return {key: c for key, c in cells.items() if not c.is_empty()}
