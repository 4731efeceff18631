"""Statistics over deadline clocks (期限统计), shared by the public clock board (期限看板) and the
assessment scores (考核). One definition for every module, computed from the kernel's `Clock`
rows only:

- **办结 (finished)**: a clock stopped (`state = stopped`) on a local day in the period.
- **按期 (on time)**: a finished clock with `met_deadline` (stopped no later than its due time,
  extensions included, pauses not counted). 按期率 = on time / finished.
- **办理用时 (handling time)** in working days of the official holiday calendar (never
  Monday–Friday): the working days after the start day up to and including the stop day, less
  the working days paused (the same counting as the engine: a pause from day P to day R takes
  out the working days after P up to R). A clock started and stopped on one day took 0.
  Median: the middle value (the mean of the two middle ones for an even count); p90: the
  nearest-rank 90th percentile (the smallest value with at least 90 % of the clocks at or
  below it).
- **当前逾期 (overdue now)**: a running clock past its due time, or a paused one the sweep found
  overdue (`selectors.clocks_in_urgency("overdue")`); **计时中 (running)** and **暂停 (paused)**:
  the open clocks now. These three are a snapshot of now, whatever the period.

API (all arguments optional)::

    from sunshine.kernel.deadlines.stats import clock_stats
    rows = clock_stats(
        agencies=[agency],          # Agency objects or ids; None: every agency
        subtree=True,               # include each one's sub-agencies (rolled up to it)
        rules=["foi.reply"],        # rule names; None: every rule
        modules=["foi"],            # feature names (the rule's owner); None: every module
        start=date(2026, 1, 1),     # first local day of the period (stop day), inclusive
        end=date(2026, 12, 31),     # last local day, inclusive
        group_by=("agency", "module"),  # any of "agency", "module", "rule", "month"
    )
    for row in rows:  # ClockStats, sorted by the group keys
        row.agency_id, row.module, row.rule, row.month   # the keys grouped by (else None)
        row.finished, row.on_time, row.late, row.on_time_rate   # rate 0..1 or None
        row.median_wd, row.p90_wd                        # None when nothing finished
        row.overdue, row.running, row.paused             # now (None when grouped by month)

`totals(rows)` sums rows into one. `clocks_behind(...)` gives the Clock queryset behind a figure
(finished / on_time / late / overdue / running / paused), for drill-down links.

Speed: the finished figures come from `ClockMonthlyFact` for the whole months of the period and
`ClockDailyFact` for the days of its partial months (per agency and rule, with a histogram of
handling times), kept by `refresh_facts`, the periodic job "deadlines.stats"
(every 10 minutes: the stopped clocks saved since its last run; at night: everything). The
periods pages ask for often (the board's presets: the last 12 months, the years, the
quarters; the assessment years are among them) are also stored summed, one `ClockPeriodFact`
row per agency and rule, by the same job for every period a module registers with
`register_period_source` — so such a page reads a few hundred rows even with a cold cache.
Until the job has run once, and with `live=True`, they are counted from the clocks
themselves (the same function, `_clock_facts`); `live_counts` counts only finished and on
time, in one grouped query (for the assessment, which needs no handling times). The "now" figures are always live, one grouped query over the
open clocks (the state index)."""

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_tasks import task

from sunshine.kernel import clock as time_source

from .models import Clock, ClockDailyFact, ClockFactState, ClockMonthlyFact, ClockPeriodFact
from .rules import rule_label

STATE_NAME = "daily"
MARGIN = dt.timedelta(minutes=10)  # a stop saved by a transaction begun before the job read
GROUP_KEYS = ("agency", "module", "rule", "month")
DRILL_KINDS = ("finished", "on_time", "late", "overdue", "running", "paused")


# --- Rules and modules -----------------------------------------------------------------------


_MODULES_SEEN: dict[tuple, dict] = {}


def rule_modules() -> dict[str, tuple[str, str]]:
    """rule name → (feature name, feature label): the module that declares the rule (kept per
    language and set of features: a board asks for it several times a request)."""
    from django.utils import translation

    from sunshine.kernel.features import FEATURES

    features = FEATURES.all()
    key = (
        translation.get_language(),
        tuple((f.name, *(r.name for r in f.rules)) for f in features),
    )
    found = _MODULES_SEEN.get(key)
    if found is None:
        found = {}
        for feature in features:
            for declared in feature.rules:
                found[declared.name] = (feature.name, str(feature.label))
        if len(_MODULES_SEEN) > 20:
            _MODULES_SEEN.clear()
        _MODULES_SEEN[key] = found
    return dict(found)


def module_of(rule: str, modules: dict | None = None) -> tuple[str, str]:
    modules = rule_modules() if modules is None else modules
    if rule in modules:
        return modules[rule]
    prefix = rule.split(".", 1)[0]
    return prefix, prefix


# --- Working days ----------------------------------------------------------------------------


class WorkdayIndex:
    """Working days up to each date (a prefix sum of the calendar's is_workday), so that each
    clock costs a few lookups. One calendar snapshot."""

    def __init__(self, cal=None):
        from sunshine.kernel.workcalendar.calendar import current_calendar

        self._cal = cal or current_calendar()
        self._first: dt.date | None = None
        self._cum: list[int] = []

    def _cover(self, a: dt.date, b: dt.date) -> None:
        from sunshine.kernel.workcalendar.calendar import FIRST_DAY

        if self._first is not None and a >= self._first:
            last = self._first + dt.timedelta(days=len(self._cum) - 1)
            if b <= last:
                return
        pad = dt.timedelta(days=366)
        lo = a - pad if self._first is None else min(a, self._first) - pad
        lo = max(lo, FIRST_DAY) if a >= FIRST_DAY else a  # a date before 2007 still raises
        hi = b + pad
        if self._first is not None:
            hi = max(hi, self._first + dt.timedelta(days=len(self._cum) - 1))
        cum, total, day = [], 0, lo
        while day <= hi:
            total += 1 if self._cal.is_workday(day) else 0
            cum.append(total)
            day += dt.timedelta(days=1)
        self._first, self._cum = lo, cum

    def count(self, day: dt.date) -> int:
        return self._cum[(day - self._first).days]

    def between(self, a: dt.date, b: dt.date) -> int:
        """Working days after a up to and including b (0 when b <= a)."""
        if b <= a:
            return 0
        self._cover(a, b)
        return self.count(b) - self.count(a)


def handling_workdays(
    index: WorkdayIndex, started_at: dt.datetime, stopped_at: dt.datetime, pauses: list
) -> int:
    """A stopped clock's handling time in working days (see the module docstring)."""
    local = timezone.localdate
    start, stop = local(started_at), local(stopped_at)
    total = index.between(start, stop)
    for pause in pauses or ():
        if not pause.get("from") or not pause.get("to"):
            continue
        p = local(dt.datetime.fromisoformat(pause["from"]))
        r = min(local(dt.datetime.fromisoformat(pause["to"])), stop)
        total -= index.between(max(p, start), r)
    return max(total, 0)


# --- Percentiles over histograms -------------------------------------------------------------


def _nth(hist: dict[int, int], n: int) -> int:
    """The n-th smallest value (1-based) of a histogram {value: count}."""
    seen = 0
    for value in sorted(hist):
        seen += hist[value]
        if seen >= n:
            return value
    raise ValueError("n beyond the histogram")


def median(hist: dict[int, int]) -> float | None:
    n = sum(hist.values())
    if not n:
        return None
    if n % 2:
        return float(_nth(hist, n // 2 + 1))
    return (_nth(hist, n // 2) + _nth(hist, n // 2 + 1)) / 2


def percentile(hist: dict[int, int], p: float) -> int | None:
    """Nearest rank: the smallest value with at least p % of the counts at or below it."""
    n = sum(hist.values())
    if not n:
        return None
    return _nth(hist, max(1, math.ceil(p / 100 * n)))


# --- Rows ------------------------------------------------------------------------------------


@dataclass
class ClockStats:
    agency_id: int | None = None
    agency_name: str = ""
    module: str | None = None
    module_label: str = ""
    rule: str | None = None
    rule_label: str = ""
    month: dt.date | None = None
    finished: int = 0
    on_time: int = 0
    overdue: int | None = 0
    running: int | None = 0
    paused: int | None = 0
    histogram: dict = field(default_factory=dict)  # handling working days → clocks

    @property
    def late(self) -> int:
        return self.finished - self.on_time

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.finished if self.finished else None

    @property
    def on_time_percent(self) -> float | None:
        rate = self.on_time_rate
        return None if rate is None else round(rate * 100, 1)

    @property
    def median_wd(self) -> float | None:
        return median(self.histogram)

    @property
    def p90_wd(self) -> int | None:
        return percentile(self.histogram, 90)

    @property
    def key(self) -> tuple:
        return (self.agency_id, self.module, self.rule, self.month)

    def add(self, other: "ClockStats") -> None:
        self.finished += other.finished
        self.on_time += other.on_time
        for name in ("overdue", "running", "paused"):
            mine, theirs = getattr(self, name), getattr(other, name)
            setattr(self, name, None if mine is None or theirs is None else mine + theirs)
        for value, n in other.histogram.items():
            self.histogram[value] = self.histogram.get(value, 0) + n


def totals(rows: Iterable[ClockStats]) -> ClockStats:
    """The sum of rows (e.g. the whole board's 合计)."""
    result = ClockStats()
    for row in rows:
        result.add(row)
    return result


# --- Counting from the clocks (the job and the live path share it) --------------------------


def _stopped(start: dt.date | None, end: dt.date | None):
    qs = Clock.objects.filter(state=Clock.State.STOPPED).order_by()
    if start:
        qs = qs.filter(stopped_at__gte=_start_of(start))
    if end:
        qs = qs.filter(stopped_at__lt=_start_of(end + dt.timedelta(days=1)))
    if not start and not end:
        qs = qs.filter(stopped_at__isnull=False)
    # (a range already leaves NULL out; with "IS NOT NULL" too SQLite's planner, which has no
    # statistics, walks a year of clocks through (state, stopped_at) for one agency's count
    # instead of (agency, state, stopped_at): 400 ms against a few at 100,000 clocks)
    return qs


def _clock_facts(qs, index: WorkdayIndex | None = None) -> dict[tuple, list]:
    """(local stop day, agency id, rule) → [finished, on time, {workdays: clocks}]."""
    index = index or WorkdayIndex()
    facts: dict[tuple, list] = {}
    rows = qs.values_list("agency_id", "rule", "started_at", "stopped_at", "pauses", "met_deadline")
    for agency_id, rule, started, stopped, pauses, met in rows.iterator(chunk_size=5000):
        key = (timezone.localdate(stopped), agency_id, rule)
        fact = facts.get(key)
        if fact is None:
            fact = facts[key] = [0, 0, {}]
        fact[0] += 1
        fact[1] += 1 if met else 0
        wd = handling_workdays(index, started, stopped, pauses)
        fact[2][wd] = fact[2].get(wd, 0) + 1
    return facts


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


@transaction.atomic
def refresh_facts(*, full: bool = False) -> dict:
    """Bring ClockDailyFact up to date: the days of the clocks stopped (saved) since the last
    run are counted again from their clocks; `full` (and the first run) counts every day.
    Returns {"days": n, "facts": n, "full": bool}."""
    began = timezone.now()
    state, _created = ClockFactState.objects.select_for_update().get_or_create(name=STATE_NAME)
    previous = state.built_at
    full = full or previous is None
    index = WorkdayIndex()
    if full:
        facts = _clock_facts(_stopped(None, None), index)
        ClockDailyFact.objects.all().delete()
        days = {key[0] for key in facts}
    else:
        changed = _stopped(None, None).filter(updated_at__gte=state.built_at - MARGIN)
        days = {timezone.localdate(at) for at in changed.values_list("stopped_at", flat=True)}
        facts = {}
        if days:
            found = _clock_facts(_stopped(min(days), max(days)), index)
            facts = {key: value for key, value in found.items() if key[0] in days}
            recounted = ClockDailyFact.objects.filter(day__in=sorted(days))
            old = recounted.values_list(
                "day", "agency_id", "rule", "finished", "on_time", "workdays"
            )
            replaced = {(d, a, r): (f, o, h) for d, a, r, f, o, h in old}
            recounted.delete()
    ClockDailyFact.objects.bulk_create(
        [
            ClockDailyFact(
                day=day,
                agency_id=agency_id,
                rule=rule,
                finished=finished,
                on_time=on_time,
                workdays={str(k): v for k, v in hist.items()},
            )
            for (day, agency_id, rule), (finished, on_time, hist) in facts.items()
        ],
        batch_size=1000,
    )
    _refresh_months({day.replace(day=1) for day in days}, full=full)
    state.built_at = began
    state.save(update_fields=["built_at"])
    # what the recount changed, per day, agency and rule: new − old (the stored periods add it)
    delta: dict[tuple, list] = {}
    if not full:
        for key, (f, o, hist) in replaced.items() if days else ():
            delta[key] = [-f, -o, {int(k): -v for k, v in hist.items()}]
        for key, (f, o, hist) in facts.items():
            cell = delta.setdefault(key, [0, 0, {}])
            cell[0] += f
            cell[1] += o
            for k, v in hist.items():
                cell[2][k] = cell[2].get(k, 0) + v
    periods = _store_periods(began, previous, days, delta, full=full)
    return {"days": len(days), "facts": len(facts), "full": full, "periods": periods}


def _next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _refresh_months(months: set[dt.date], *, full: bool) -> None:
    """Sum the daily facts of `months` (all if full) into ClockMonthlyFact."""
    if full:
        ClockMonthlyFact.objects.all().delete()
    elif not months:
        return
    else:
        ClockMonthlyFact.objects.filter(month__in=sorted(months)).delete()
    daily = ClockDailyFact.objects.order_by()
    if not full:
        q = Q()
        for month in months:
            q |= Q(day__gte=month, day__lt=_next_month(month))
        daily = daily.filter(q)
    sums: dict[tuple, list] = {}
    rows = daily.values_list("day", "agency_id", "rule", "finished", "on_time", "workdays")
    for day, agency_id, rule, finished, on_time, hist in rows.iterator(chunk_size=5000):
        key = (day.replace(day=1), agency_id, rule)
        cell = sums.get(key)
        if cell is None:
            cell = sums[key] = [0, 0, {}]
        cell[0] += finished
        cell[1] += on_time
        for k, v in hist.items():
            cell[2][k] = cell[2].get(k, 0) + v
    ClockMonthlyFact.objects.bulk_create(
        [
            ClockMonthlyFact(
                month=month, agency_id=agency_id, rule=rule, finished=f, on_time=o, workdays=h
            )
            for (month, agency_id, rule), (f, o, h) in sums.items()
        ],
        batch_size=1000,
    )


def _fact_rows(start, end, all_ids, wanted, stamp=None):
    """(day or month, agency id, rule, finished, on time, histogram) from the summaries: a
    stored period's sums (ClockPeriodFact, its start as the day) when the period is stored
    under the facts' current `stamp`; else the whole months of the period from
    ClockMonthlyFact, the days of its partial months from ClockDailyFact."""
    if stamp is not None and start and end and _period_stored(start, end, stamp):
        qs = ClockPeriodFact.objects.filter(start=start, end=end).order_by()
        if all_ids is not None:
            qs = qs.filter(agency_id__in=all_ids)
        if wanted is not None:
            qs = qs.filter(rule__in=wanted)
        rows = qs.values_list("agency_id", "rule", "finished", "on_time", "workdays")
        for agency_id, rule, finished, on_time, hist in rows:
            yield start, agency_id, rule, finished, on_time, {int(k): v for k, v in hist.items()}
        return
    first = start or dt.date(2007, 1, 1)
    last = end or time_source.today() + dt.timedelta(days=366)
    full_from = first if first.day == 1 else _next_month(first)
    full_to = (
        _next_month(last)
        if _next_month(last) - dt.timedelta(days=1) == last
        else (last.replace(day=1))
    )  # months in [full_from, full_to) are whole
    queries = []
    if full_from < full_to:
        monthly = ClockMonthlyFact.objects.filter(month__gte=full_from, month__lt=full_to)
        queries.append(("month", monthly))
        days = Q(day__gte=first, day__lt=full_from) | Q(day__gte=full_to, day__lte=last)
    else:
        days = Q(day__gte=first, day__lte=last)
    queries.append(("day", ClockDailyFact.objects.filter(days)))
    for field_name, qs in queries:
        qs = qs.order_by()
        if all_ids is not None:
            qs = qs.filter(agency_id__in=all_ids)
        if wanted is not None:
            qs = qs.filter(rule__in=wanted)
        rows = qs.values_list(field_name, "agency_id", "rule", "finished", "on_time", "workdays")
        for day, agency_id, rule, finished, on_time, hist in rows:  # a few thousand: one fetch
            yield day, agency_id, rule, finished, on_time, {int(k): v for k, v in hist.items()}


# --- Stored periods ---------------------------------------------------------------------------

# Callables today → iterable of (start, end): the periods stored summed (ClockPeriodFact).
PERIOD_SOURCES: list = []
PERIOD_PREFIX = "period:"


def register_period_source(source):
    """Have the job store the periods `source(today)` names (e.g. a board's presets)."""
    if source not in PERIOD_SOURCES:
        PERIOD_SOURCES.append(source)
    return source


def stored_periods(today: dt.date | None = None) -> set[tuple[dt.date, dt.date]]:
    today = today or time_source.today()
    return {(a, b) for source in PERIOD_SOURCES for a, b in source(today) if a <= b}


def _period_name(start: dt.date, end: dt.date) -> str:
    return f"{PERIOD_PREFIX}{start.isoformat()}:{end.isoformat()}"


def _period_stored(start: dt.date, end: dt.date, stamp: dt.datetime) -> bool:
    return ClockFactState.objects.filter(name=_period_name(start, end), built_at=stamp).exists()


def _store_periods(stamp, previous, days: set, delta: dict, *, full: bool) -> int:
    """Store the registered periods' sums under the new `stamp`. A period stored under the
    `previous` stamp that holds none of the recounted `days` is unchanged and only stamped
    again; one that holds some gets the recount's `delta` ((day, agency, rule) → new − old
    [finished, on time, histogram]) of its days added; the others (new, or a full run) are
    summed from the daily and monthly facts. Periods no longer registered are dropped.
    Returns the number of periods changed."""
    wanted = {_period_name(a, b): (a, b) for a, b in stored_periods()}
    marks = dict(
        ClockFactState.objects.filter(name__startswith=PERIOD_PREFIX).values_list(
            "name", "built_at"
        )
    )
    for name in set(marks) - set(wanted):
        a, b = (dt.date.fromisoformat(x) for x in name[len(PERIOD_PREFIX) :].split(":"))
        ClockPeriodFact.objects.filter(start=a, end=b).delete()
    ClockFactState.objects.filter(name__in=set(marks) - set(wanted)).delete()
    summed = 0
    for name, (a, b) in sorted(wanted.items()):
        kept = not full and previous is not None and marks.get(name) == previous
        if kept and any(a <= d <= b for d in days):
            _add_to_period(a, b, {k: v for k, v in delta.items() if a <= k[0] <= b})
            summed += 1
        elif not kept:
            sums: dict[tuple, list] = {}
            for _day, agency_id, rule, f, o, hist in _fact_rows(a, b, None, None):
                cell = sums.get((agency_id, rule))
                if cell is None:
                    cell = sums[(agency_id, rule)] = [0, 0, {}]
                cell[0] += f
                cell[1] += o
                for k, v in hist.items():
                    cell[2][k] = cell[2].get(k, 0) + v
            ClockPeriodFact.objects.filter(start=a, end=b).delete()
            ClockPeriodFact.objects.bulk_create(
                [
                    ClockPeriodFact(
                        start=a,
                        end=b,
                        agency_id=agency_id,
                        rule=rule,
                        finished=f,
                        on_time=o,
                        workdays={str(k): v for k, v in h.items()},
                    )
                    for (agency_id, rule), (f, o, h) in sums.items()
                ],
                batch_size=1000,
            )
            summed += 1
        ClockFactState.objects.update_or_create(name=name, defaults={"built_at": stamp})
    return summed


def _add_to_period(a: dt.date, b: dt.date, delta: dict) -> None:
    """Add the per-day changes `delta` to the stored sums of the period a–b (rows left with
    nothing finished are dropped, as a fresh sum would not have them)."""
    change: dict[tuple, list] = {}
    for (_day, agency_id, rule), (f, o, hist) in delta.items():
        cell = change.setdefault((agency_id, rule), [0, 0, {}])
        cell[0] += f
        cell[1] += o
        for k, v in hist.items():
            cell[2][k] = cell[2].get(k, 0) + v
    # a recounted day mostly recounts what it had: only the cells that changed are written
    change = {
        key: (f, o, {k: v for k, v in hist.items() if v})
        for key, (f, o, hist) in change.items()
        if f or o or any(hist.values())
    }
    if not change:
        return
    stored = {
        (row.agency_id, row.rule): row
        for row in ClockPeriodFact.objects.filter(
            start=a,
            end=b,
            agency_id__in={k[0] for k in change},
            rule__in={k[1] for k in change},
        )
    }
    new, changed, gone = [], [], []
    for (agency_id, rule), (f, o, hist) in change.items():
        row = stored.get((agency_id, rule))
        if row is None:
            row = ClockPeriodFact(start=a, end=b, agency_id=agency_id, rule=rule, workdays={})
        merged = {int(k): v for k, v in row.workdays.items()}
        for k, v in hist.items():
            merged[k] = merged.get(k, 0) + v
        row.finished += f
        row.on_time += o
        row.workdays = {str(k): v for k, v in sorted(merged.items()) if v}
        if row.finished <= 0:
            if row.pk:
                gone.append(row.pk)
        else:
            (changed if row.pk else new).append(row)
    ClockPeriodFact.objects.filter(pk__in=gone).delete()
    ClockPeriodFact.objects.bulk_update(
        changed, ["finished", "on_time", "workdays"], batch_size=500
    )
    ClockPeriodFact.objects.bulk_create(new, batch_size=500)


def built_at() -> dt.datetime | None:
    """When the facts were last brought up to date (None: never; the figures are live)."""
    return ClockFactState.objects.filter(name=STATE_NAME).values_list("built_at", flat=True).first()


# --- The statistics --------------------------------------------------------------------------


def _agency_ids(agencies, subtree: bool) -> dict[int, set[int]] | None:
    """requested agency id → the agency ids it covers (itself, and its subtree if asked)."""
    if agencies is None:
        return None
    from sunshine.kernel.orgs.models import Agency

    ids = [getattr(a, "pk", a) for a in agencies]
    if not subtree:
        return {i: {i} for i in ids}
    paths = dict(Agency.objects.filter(pk__in=ids).values_list("pk", "path"))
    if not paths:
        return {i: set() for i in ids}
    # one query for every subtree (not one per agency): the agencies under any of the paths
    under = Q()
    for path in set(paths.values()):
        under |= Q(path__startswith=path)
    every = list(Agency.objects.filter(under).values_list("pk", "path"))
    result = {}
    for i in ids:
        path = paths.get(i)
        if path is None:
            result[i] = set()
            continue
        result[i] = {pk for pk, p in every if p.startswith(path)} | {i}
    return result


def _wanted_rules(rules, modules, module_map) -> set[str] | None:
    wanted = None if rules is None else set(rules)
    if modules is not None:
        names = {r for r, (m, _label) in module_map.items() if m in set(modules)}
        wanted = names if wanted is None else wanted & names
    return wanted


def clock_stats(
    agencies=None,
    rules=None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    group_by: Iterable[str] = ("agency", "module"),
    *,
    modules=None,
    subtree: bool = False,
    live: bool = False,
    now: dt.datetime | None = None,
    finished: bool = True,
    current: bool = True,
) -> list[ClockStats]:
    """The statistics (see the module docstring), one ClockStats per group, sorted by the
    group keys (agencies in tree order). Groups with no finished clock and nothing open are left out.
    `finished=False` leaves out the period's figures (no summary read), `current=False` the
    figures of now (no query over the open clocks): a caller may cache the first part."""
    group_by = tuple(group_by)
    unknown = set(group_by) - set(GROUP_KEYS)
    if unknown:
        raise ValueError(f"cannot group clock statistics by {sorted(unknown)}")
    if start and end and end < start:
        raise ValueError("the period ends before it starts")
    module_map = rule_modules()
    wanted = _wanted_rules(rules, modules, module_map)
    covers = _agency_ids(agencies, subtree)
    all_ids = None if covers is None else set().union(*covers.values()) if covers else set()
    # clock's agency id → the requested agencies it counts for
    owners: dict[int, list[int]] = defaultdict(list)
    if covers is not None:
        for requested, ids in covers.items():
            for i in ids:
                owners[i].append(requested)

    rows: dict[tuple, ClockStats] = {}
    names: dict[int, tuple[str, str]] = {}  # agency id → (name, tree path)
    labels: dict[str, str] = {}  # rule → its label (one lookup per rule, not per row)

    def label_of(rule: str) -> str:
        found = labels.get(rule)
        if found is None:
            found = labels[rule] = rule_label(rule)
        return found

    def cell(agency_id, rule, month) -> list[ClockStats]:
        module, module_label = module_of(rule, module_map)
        targets = owners.get(agency_id, []) if covers is not None else [agency_id]
        found = []
        for target in targets if "agency" in group_by else [None]:
            key = (
                target,
                module if "module" in group_by else None,
                rule if "rule" in group_by else None,
                month if "month" in group_by else None,
            )
            row = rows.get(key)
            if row is None:
                row = rows[key] = ClockStats(
                    agency_id=key[0],
                    module=key[1],
                    module_label=module_label if key[1] else "",
                    rule=key[2],
                    rule_label=label_of(rule) if key[2] else "",
                    month=key[3],
                    overdue=None if "month" in group_by else 0,
                    running=None if "month" in group_by else 0,
                    paused=None if "month" in group_by else 0,
                )
            found.append(row)
            if covers is not None and "agency" not in group_by:
                break  # one row for all: a clock counts once
        return found

    # finished, on time, handling times
    stamp = None if live or not finished else built_at()
    if not finished:
        source = ()
    elif live or stamp is None:
        qs = _stopped(start, end)
        if all_ids is not None:
            qs = qs.filter(agency_id__in=all_ids)
        if wanted is not None:
            qs = qs.filter(rule__in=wanted)
        source = (
            (day, agency_id, rule, finished, on_time, hist)
            for (day, agency_id, rule), (finished, on_time, hist) in _clock_facts(qs).items()
        )
    else:
        # a stored period's sums have no months
        source = _fact_rows(start, end, all_ids, wanted, None if "month" in group_by else stamp)
    for day, agency_id, rule, done, on_time, hist in source:
        for row in cell(agency_id, rule, day.replace(day=1)):
            row.finished += done
            row.on_time += on_time
            for value, n in hist.items():
                row.histogram[value] = row.histogram.get(value, 0) + n

    # now: overdue, running, paused (not per month)
    if current and "month" not in group_by:
        for agency_id, rule, is_running, is_paused, is_overdue in _open_counts(
            all_ids, wanted, now
        ):
            for row in cell(agency_id, rule, None):
                row.running += is_running
                row.paused += is_paused
                row.overdue += is_overdue

    result = list(rows.values())
    if "agency" in group_by:
        from sunshine.kernel.orgs.models import Agency

        ids = {r.agency_id for r in result if r.agency_id is not None}
        for pk, name, path in Agency.objects.filter(pk__in=ids).values_list("pk", "name", "path"):
            names[pk] = (name, path)
        for row in result:
            row.agency_name = names.get(row.agency_id, ("", ""))[0]
    result.sort(
        key=lambda r: (
            names.get(r.agency_id, ("", ""))[1],
            r.agency_id or 0,
            r.module or "",
            r.rule or "",
            r.month or dt.date.min,
        )
    )
    return result


def live_counts(
    agencies=None,
    rules=None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    modules=None,
    subtree: bool = False,
) -> tuple[int, int]:
    """(finished, on time) of the clocks of `agencies` (each clock once), as clock_stats(live=True)
    counts them, in one query: no clock is read for its handling time."""
    qs = _stopped(start, end)
    covers = _agency_ids(agencies, subtree)
    if covers is not None:
        qs = qs.filter(agency_id__in=set().union(*covers.values()) if covers else set())
    wanted = _wanted_rules(rules, modules, rule_modules())
    if wanted is not None:
        qs = qs.filter(rule__in=wanted)
    found = qs.aggregate(finished=Count("pk"), on_time=Count("pk", filter=Q(met_deadline=True)))
    return found["finished"], found["on_time"]


def overdue_q(now: dt.datetime | None = None) -> Q:
    """Overdue now: running past the due time, or paused and found overdue by the sweep (the
    definition of selectors.clocks_in_urgency("overdue"), for clocks of any rule)."""
    now = now or time_source.now()
    return Q(state=Clock.State.RUNNING, due_at__lt=now) | Q(
        state=Clock.State.PAUSED, urgency=Clock.Urgency.OVERDUE
    )


def _open_counts(all_ids, wanted, now):
    """(agency id, rule, running, paused, overdue) per agency and rule, now. One query."""
    from .selectors import OPEN_STATES

    now = now or time_source.now()
    qs = Clock.objects.filter(state__in=OPEN_STATES).order_by()
    if all_ids is not None:
        qs = qs.filter(agency_id__in=all_ids)
    if wanted is not None:
        qs = qs.filter(rule__in=wanted)
    overdue = overdue_q(now)
    return qs.values_list("agency_id", "rule").annotate(
        running=Count("pk", filter=Q(state=Clock.State.RUNNING)),
        paused=Count("pk", filter=Q(state=Clock.State.PAUSED)),
        overdue=Count("pk", filter=overdue),
    )


def agencies_with_clocks():
    """The agencies with a clock in the summaries or an open clock now, in tree order (for
    choosers; before the job's first run, every agency with a clock)."""
    from sunshine.kernel.orgs.models import Agency

    from .selectors import OPEN_STATES

    if built_at() is None:
        return Agency.objects.filter(pk__in=Clock.objects.values("agency_id")).order_by("path")
    # two lists of ids read through indexes, not "IN (…) OR IN (…)" evaluated per agency
    ids = set(ClockMonthlyFact.objects.order_by().values_list("agency_id", flat=True).distinct())
    ids |= set(
        Clock.objects.filter(state__in=OPEN_STATES)
        .order_by()
        .values_list("agency_id", flat=True)
        .distinct()
    )
    return Agency.objects.filter(pk__in=ids).order_by("path")


def clocks_behind(
    kind: str,
    *,
    agencies=None,
    subtree: bool = False,
    rules=None,
    modules=None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    now: dt.datetime | None = None,
):
    """The clocks behind one figure: `kind` is one of DRILL_KINDS. finished / on_time / late
    follow the period; overdue / running / paused are now."""
    if kind not in DRILL_KINDS:
        raise ValueError(f"unknown figure {kind!r}")
    wanted = _wanted_rules(rules, modules, rule_modules())
    if kind in ("finished", "on_time", "late"):
        qs = _stopped(start, end)
        if kind == "on_time":
            qs = qs.filter(met_deadline=True)
        elif kind == "late":
            qs = qs.exclude(met_deadline=True)
    elif kind == "overdue":
        qs = Clock.objects.filter(overdue_q(now))
    else:
        state = Clock.State.RUNNING if kind == "running" else Clock.State.PAUSED
        qs = Clock.objects.filter(state=state)
    covers = _agency_ids(agencies, subtree)
    if covers is not None:
        qs = qs.filter(agency_id__in=set().union(*covers.values()) if covers else set())
    if wanted is not None:
        qs = qs.filter(rule__in=wanted)
    return qs


@task()
def refresh_facts_task(full: bool = False) -> dict:
    """The periodic job "deadlines.stats" (every 10 minutes; "deadlines.stats_nightly": full)."""
    return refresh_facts(full=full)


@task()
def rebuild_facts_task() -> dict:
    return refresh_facts(full=True)
