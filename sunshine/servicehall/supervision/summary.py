"""The 电子监察 daily summary (models.DailyNumbers): built by a periodic job, read by the
dashboards together with the raw rows of the days it does not cover.

One function counts the numbers of a day range from the raw rows (`count_days`); the job stores
its result per (local day, agency) and the dashboards use the very same function for the live
part, so the summary and the live numbers cannot follow two definitions.

What the summary covers (`plan_for`):
- every day up to `SummaryState.built_through` (yesterday after the job ran), *except* the days
  touched since `built_at`: the submission and 办结 days of applications with a workflow step
  since then (a 补正 on last week's application changes last week's 补正 count) and the days of
  ratings given since then. Those days, and the days after `built_through` (today), are counted
  live from the raw rows — a handful of days, through the date indexes.
- So the dashboards are exact at any time, whether or not the job ran; the job only keeps the
  live part small. It runs every 10 minutes (`refresh`: new days and touched days) and nightly
  (`refresh(full_days=40)`: also recounts the last 40 days, which catches what leaves no
  workflow step, e.g. a clock corrected by hand or a row deleted in the admin; older history
  is recounted with `manage.py rebuild_supervision_summary --since … --until …`)."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from sunshine.kernel import clock as time_source
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.ratings.choices import BAD_LEVELS
from sunshine.kernel.ratings.models import Rating
from sunshine.kernel.workflow.models import TransitionLog
from sunshine.servicehall.applications.models import ServiceApplication
from sunshine.servicehall.applications.registration import RATING_KIND
from sunshine.servicehall.applications.rules import TOTAL

from . import stats
from .models import DailyNumbers, SummaryState
from .sql import LocalDate

STATE = "daily"
COUNTS = ("received", "corrected", "completed", "clocked", "on_time", "ratings", "bad_ratings")
NIGHTLY_DAYS = 40

Ranges = list[tuple[dt.date, dt.date]]  # inclusive local days


@dataclass
class Cell:
    """The numbers of one agency over some days (one day in the summary)."""

    received: int = 0
    corrected: int = 0
    completed: int = 0
    clocked: int = 0
    on_time: int = 0
    ratings: int = 0
    bad_ratings: int = 0
    handling: Counter = field(default_factory=Counter)

    def add(self, other: "Cell") -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.handling.update(other.handling)


def start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def day_ranges(days) -> Ranges:
    """Sorted days merged into inclusive ranges of consecutive days."""
    result: Ranges = []
    for day in sorted(set(days)):
        if result and result[-1][1] + dt.timedelta(days=1) == day:
            result[-1] = (result[-1][0], day)
        else:
            result.append((day, day))
    return result


def _in(field_name: str, ranges: Ranges) -> Q:
    q = Q()
    for a, b in ranges:
        q |= Q(
            **{
                f"{field_name}__gte": start_of(a),
                f"{field_name}__lt": start_of(b + dt.timedelta(days=1)),
            }
        )
    return q


def _scoped(qs, agency_ids):
    return qs if agency_ids is None else qs.filter(agency_id__in=agency_ids)


# --- counting from the raw rows --------------------------------------------------------------


def count_days(ranges: Ranges, agency_ids=None) -> dict[tuple[dt.date, int], Cell]:
    """(local day, agency) → its numbers, counted from the raw rows of the days in `ranges`:
    received / 补正 by day of 申请, 办结 with the 承诺时限 clock (on time, handling working days)
    by day of 办结, ratings by day of rating. Four grouped queries whatever the number of days."""
    cells: dict[tuple[dt.date, int], Cell] = {}
    if not ranges:
        return cells

    def cell(day, agency_id) -> Cell:
        return cells.setdefault((day, agency_id), Cell())

    apps = _scoped(ServiceApplication.objects.order_by(), agency_ids)
    received = (
        apps.filter(_in("submitted_at", ranges))
        .annotate(day=LocalDate("submitted_at"))
        .values("day", "agency_id")
        .annotate(n=Count("pk"), corrected=Count("pk", filter=Q(correction_count__gte=1)))
    )
    for r in received:
        target = cell(r["day"], r["agency_id"])
        target.received, target.corrected = r["n"], r["corrected"]
    done = apps.filter(_in("completed_at", ranges))
    completed = done.annotate(day=LocalDate("completed_at")).values("day", "agency_id")
    for r in completed.annotate(n=Count("pk")):
        cell(r["day"], r["agency_id"]).completed = r["n"]
    # The 承诺时限 clocks of the applications 办结 on those days, by the application's day of
    # 办结 (looked up here: a correlated subquery per clock was the slowest part) and the
    # clock's agency (as the definitions in numbers.py); grouped in Python.
    done_days = dict(done.annotate(day=LocalDate("completed_at")).values_list("pk", "day"))
    groups: Counter = Counter()
    if done_days:
        rows = (
            Clock.objects.filter(
                content_type=application_type(),
                object_id__in=done.values("pk"),
                rule=TOTAL,
                state=Clock.State.STOPPED,
            )
            .order_by()
            .annotate(start_day=LocalDate("started_at"), stop_day=LocalDate("stopped_at"))
            .values_list(
                "object_id", "agency_id", "met_deadline", "start_day", "stop_day", "paused_total"
            )
        )
        for object_id, *rest in rows.iterator(chunk_size=5000):
            groups[(done_days.get(object_id), *rest)] += 1
    handling = [(*key, n) for key, n in groups.items()]
    ordinals = stats.workday_ordinals([d for h in handling for d in (h[3], h[4])])
    for day, agency_id, met, start_day, stop_day, paused, n in handling:
        target = cell(day, agency_id)
        target.clocked += n
        target.on_time += n if met else 0
        days = stats.handling_workdays(ordinals, start_day, stop_day, paused)
        if days is not None:
            target.handling[days] += n
    # By the time index only, other kinds dropped here: with the kind in the WHERE clause
    # SQLite's planner walks the kind index (every rating of applications) instead.
    ratings = (
        _scoped(Rating.objects.order_by(), agency_ids)
        .filter(_in("created_at", ranges))
        .annotate(day=LocalDate("created_at"))
        .values("day", "agency_id", "kind")
        .annotate(n=Count("pk"), bad=Count("pk", filter=Q(level__in=list(BAD_LEVELS))))
    )
    for r in ratings:
        if r["kind"] == RATING_KIND:
            target = cell(r["day"], r["agency_id"])
            target.ratings, target.bad_ratings = r["n"], r["bad"]
    return cells


def application_type():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(ServiceApplication)


# --- building --------------------------------------------------------------------------------


def _store(ranges: Ranges) -> int:
    """Replace the summary rows of the days in `ranges` by a fresh count (idempotent)."""
    cells = count_days(ranges)
    q = Q()
    for a, b in ranges:
        q |= Q(day__gte=a, day__lte=b)
    DailyNumbers.objects.filter(q).delete()
    rows = [
        DailyNumbers(
            day=day,
            agency_id=agency_id,
            handling={str(k): v for k, v in sorted(c.handling.items())},
            **{name: getattr(c, name) for name in COUNTS},
        )
        for (day, agency_id), c in cells.items()
        if day is not None and agency_id is not None
    ]
    DailyNumbers.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def first_day() -> dt.date | None:
    """The first local day with an application or a rating of one (where a rebuild starts)."""
    firsts = [
        ServiceApplication.objects.order_by("submitted_at").values_list("submitted_at", flat=True).first(),
        Rating.objects.filter(kind=RATING_KIND).order_by("created_at").values_list("created_at", flat=True).first(),
    ]  # fmt: skip
    firsts = [timezone.localdate(f) for f in firsts if f is not None]
    return min(firsts) if firsts else None


def _store_span(a: dt.date, b: dt.date) -> int:
    written = 0
    while a <= b:  # a year at a time keeps the grouped queries small
        last = min(b, a + dt.timedelta(days=365))
        written += _store([(a, last)])
        a = last + dt.timedelta(days=1)
    return written


# Rows committed a little after the job read them may carry an earlier time (a transaction
# that began before the job): the next run looks back this much further.
MARGIN = dt.timedelta(minutes=10)


def rebuild(*, since: dt.date | None = None, until: dt.date | None = None) -> int:
    """Recount the days since..until (default: from the first application to yesterday).
    Idempotent. A rebuild from the first day marks the summary built up to `until`; a partial
    one extends what is built only when it joins it. Returns the number of rows written."""
    yesterday = time_source.today() - dt.timedelta(days=1)
    until = min(until or yesterday, yesterday)
    first = first_day()
    since = since or first or until
    started = time_source.now() - MARGIN
    with transaction.atomic():
        state, _ = SummaryState.objects.select_for_update().get_or_create(name=STATE)
        written = _store_span(since, until) if since <= until else 0
        built = state.built_through
        if (first is None or since <= first) and (built is None or until >= built):
            state.built_through, state.built_at = until, started
        elif built is not None and since <= built + dt.timedelta(days=1) and until > built:
            # Days touched since `built_at` stay live until the next refresh recounts them.
            state.built_through = until
        state.save()
    return written


def changed_days(state: SummaryState) -> set[dt.date]:
    """The built days touched since the last build: the days of 申请 and 办结 of applications
    with a workflow step since then, and the days of ratings given since then."""
    if state.built_at is None or state.built_through is None:
        return set()
    # By the time index only (the content type filtered here): few rows since the last build.
    app_type = application_type().pk
    moved = [
        object_id
        for content_type, object_id in TransitionLog.objects.filter(at__gte=state.built_at)
        .order_by()
        .values_list("content_type_id", "object_id")
        if content_type == app_type
    ]
    days = set()
    if moved:
        for submitted, completed in (
            ServiceApplication.objects.filter(pk__in=moved)
            .order_by()
            .values_list("submitted_at", "completed_at")
        ):
            days.add(timezone.localdate(submitted))
            if completed is not None:
                days.add(timezone.localdate(completed))
    for kind, created in (
        Rating.objects.filter(created_at__gte=state.built_at)
        .order_by()
        .values_list("kind", "created_at")
    ):
        if kind == RATING_KIND:
            days.add(timezone.localdate(created))
    return {d for d in days if d <= state.built_through}


def refresh(*, full_days: int = 0) -> dict:
    """The periodic job: count the days since the last build up to yesterday and the touched
    days again (and the last `full_days` days when given); then the summary covers everything
    up to yesterday. Idempotent; the first run builds the whole history."""
    yesterday = time_source.today() - dt.timedelta(days=1)
    started = time_source.now() - MARGIN
    with transaction.atomic():
        state, _ = SummaryState.objects.select_for_update().get_or_create(name=STATE)
        if state.built_through is None:
            first = first_day()
            rows = _store_span(first, yesterday) if first is not None else 0
            state.built_through, state.built_at = yesterday, started
            state.save()
            return {"rows": rows, "days": None}
        days = changed_days(state)
        day = state.built_through + dt.timedelta(days=1)
        while day <= yesterday:
            days.add(day)
            day += dt.timedelta(days=1)
        for k in range(full_days):
            days.add(yesterday - dt.timedelta(days=k))
        ranges = day_ranges(d for d in days if d <= yesterday)
        rows = _store(ranges) if ranges else 0
        state.built_through = max(state.built_through, yesterday)
        state.built_at = started
        state.save()
    return {"rows": rows, "days": sum((b - a).days + 1 for a, b in ranges)}


# --- reading ---------------------------------------------------------------------------------


@dataclass
class Plan:
    """For a period: the days read from the summary (`since`..`until` minus `skip`) and the
    day ranges counted live."""

    since: dt.date | None
    until: dt.date | None
    skip: set[dt.date]
    live: Ranges


def plan_for(since: dt.date, until: dt.date) -> Plan:
    state = SummaryState.objects.filter(name=STATE).first()
    built = state.built_through if state is not None else None
    if built is None or built < since:
        return Plan(None, None, set(), [(since, until)])
    last = min(until, built)
    skip = {d for d in changed_days(state) if since <= d <= last}
    live = sorted(skip)
    day = last + dt.timedelta(days=1)
    extra = [(day, until)] if day <= until else []
    return Plan(since, last, skip, day_ranges(live) + extra)


def numbers(since: dt.date, until: dt.date, agency_ids=None) -> dict[int, Cell]:
    """agency → its numbers over since..until (inclusive local days): the summary rows plus the
    live count of the days the summary does not cover."""
    plan = plan_for(since, until)
    result: dict[int, Cell] = {}
    if plan.since is not None:
        rows = _scoped(DailyNumbers.objects.order_by(), agency_ids).filter(
            day__gte=plan.since, day__lte=plan.until
        )
        if plan.skip:
            rows = rows.exclude(day__in=sorted(plan.skip))
        # The counts added up in SQL (a row per agency); the histograms merged here.
        sums = rows.values("agency_id").annotate(**{f"s_{n}": Sum(n) for n in COUNTS})
        for r in sums:
            target = result.setdefault(r["agency_id"], Cell())
            for name in COUNTS:
                setattr(target, name, r[f"s_{name}"] or 0)
        for agency_id, handling in rows.filter(clocked__gt=0).values_list("agency_id", "handling"):
            histogram = result[agency_id].handling
            for k, v in handling.items():
                histogram[int(k)] += v
    for (_day, agency_id), c in count_days(plan.live, agency_ids).items():
        result.setdefault(agency_id, Cell()).add(c)
    return result


def daily_volume(since: dt.date, until: dt.date, agency_ids=None) -> dict[dt.date, tuple]:
    """day → (received, completed) over since..until, summary plus live days."""
    plan = plan_for(since, until)
    result: dict[dt.date, list] = {}
    if plan.since is not None:
        rows = _scoped(DailyNumbers.objects.order_by(), agency_ids).filter(
            day__gte=plan.since, day__lte=plan.until
        )
        if plan.skip:
            rows = rows.exclude(day__in=sorted(plan.skip))
        by_day = rows.values("day").annotate(r=Sum("received"), c=Sum("completed"))
        for day, received, completed in by_day.values_list("day", "r", "c"):
            target = result.setdefault(day, [0, 0])
            target[0] += received
            target[1] += completed
    live = _live_volume(plan.live, agency_ids)
    for day, (received, completed) in live.items():
        target = result.setdefault(day, [0, 0])
        target[0] += received
        target[1] += completed
    return {d: tuple(v) for d, v in result.items()}


def _live_volume(ranges: Ranges, agency_ids) -> dict[dt.date, tuple]:
    result: dict[dt.date, list] = {}
    if not ranges:
        return result
    apps = _scoped(ServiceApplication.objects.order_by(), agency_ids)
    for index, column in ((0, "submitted_at"), (1, "completed_at")):
        rows = (
            apps.filter(_in(column, ranges))
            .annotate(day=LocalDate(column))
            .values("day")
            .annotate(n=Count("pk"))
            .values_list("day", "n")
        )
        for day, n in rows:
            result.setdefault(day, [0, 0])[index] += n
    return {d: tuple(v) for d, v in result.items()}
