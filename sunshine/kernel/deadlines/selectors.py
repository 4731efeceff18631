"""Reads of deadline clocks, scoped by the permission policy ("clock.view"), and the one read
side of "the running clock" for every module's queues, lists and API:

- `open_clock(obj, rule)`: the running or paused clock of a rule (or of one of several rules);
- `with_open_clock(qs, rule, prefix)`: each row annotated with its newest open clock's due time,
  state, unit, rule and stored urgency (`<prefix>_due_at` …; one query for a page);
- `live_urgency(rows, prefix)`: `<prefix>_urgency` as of now, computed by the engine on the
  page (the stored one is the last sweep's, up to 5 minutes old or older if the scheduler is
  down); paused clocks keep the stored one, stopped or missing clocks give None;
- `filter_urgency(qs, urgency, rule, prefix)`: the same answer as a SQL filter.

Modules keep no copy of a due date and no due-soon threshold of their own: "due soon" is the
rule's threshold (`Rule.due_soon_threshold`, settings.DEADLINE_DUE_SOON_WD for wd rules)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from sunshine.kernel import clock as time_source
from sunshine.kernel.access.policy import scope
from sunshine.kernel.workcalendar.calendar import WorkCalendar, current_calendar

from . import engine
from .models import Clock, ClockAlert, ClockEvent
from .rules import DAYS, HOURS, UNITS, WD, find_rule, registered_rules


def _any_rule_q(urgency: str, at: dt.datetime, cal, *, paused: bool = True) -> Q:
    """`_live_q` over the clocks of every rule (registered or not)."""
    names = [rule.name for rule in registered_rules()]
    return _live_q(urgency, names, at, _CLOCK_COLUMNS, others=True, paused=paused, cal=cal)


def urgency_rank(at: dt.datetime | None = None) -> Case:
    """0 overdue, 1 due soon, 2 the rest, as of `at` (default now): what `live_urgency` says,
    not the last sweep's stored urgency."""
    at, cal = at or time_source.now(), _Calendar()
    return Case(
        When(_any_rule_q(Clock.Urgency.OVERDUE, at, cal), then=Value(0)),
        When(_any_rule_q(Clock.Urgency.DUE_SOON, at, cal), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def open_clocks() -> QuerySet[Clock]:
    return Clock.objects.exclude(state=Clock.State.STOPPED)


def clocks_for(obj) -> QuerySet[Clock]:
    """Every clock (open or stopped) held by `obj`, oldest first."""
    content_type = ContentType.objects.get_for_model(obj)
    return Clock.objects.filter(content_type=content_type, object_id=obj.pk).order_by(
        "started_at", "pk"
    )


def clocks_for_user(user, *, agency=None, limit: int | None = None) -> QuerySet[Clock]:
    """The open clocks the user may see (optionally within one agency's subtree): overdue
    first, then due soon, then the earliest due — urgency as of now (`urgency_rank`)."""
    qs = scope(user, "clock.view", open_clocks())
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    qs = (
        qs.select_related("agency", "content_type")
        .prefetch_related("content_object")
        .annotate(urgency_rank=urgency_rank())
        .order_by("urgency_rank", "due_at", "pk")
    )
    return qs[:limit] if limit else qs


def clock_counts_for_user(user, *, agency=None) -> dict:
    """Counts for a dashboard card: running clocks by urgency as of now, paused, and all
    open (one query, one calendar read)."""
    qs = scope(user, "clock.view", open_clocks())
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    now, cal = time_source.now(), _Calendar()
    return qs.aggregate(
        **{
            urgency: Count("pk", filter=_any_rule_q(urgency, now, cal, paused=False))
            for urgency in URGENCIES
        },
        paused=Count("pk", filter=Q(state=Clock.State.PAUSED)),
        total=Count("pk"),
    )


def clock_for_user(user, pk: int) -> Clock | None:
    return (
        scope(user, "clock.view", Clock.objects.all())
        .select_related("agency", "content_type")
        .filter(pk=pk)
        .first()
    )


def clock_events(clock: Clock) -> QuerySet[ClockEvent]:
    return clock.events.select_related("actor", "approver").order_by("at", "id")


def clock_alerts(clock: Clock) -> QuerySet[ClockAlert]:
    return clock.alerts.select_related("acknowledged_by").order_by("-raised_at")


def with_time_left(clocks, at: dt.datetime | None = None) -> list[Clock]:
    """Set `time_left` on each clock (in its unit; negative when overdue): for a paused clock,
    what was left when it was paused; for a stopped one, None. `time_overdue` is the positive
    amount once overdue (for display). A running clock's `urgency` is set to its urgency at
    `at` (the one `live_urgency` gives; the sweep's stored value is kept in `stored_urgency`),
    so a page is right even if the sweep has not run; nothing is saved. One calendar read for
    all."""
    cal, at = current_calendar(), at or time_source.now()
    thresholds: dict[str, int] = {}
    result = list(clocks)
    for clock in result:
        clock.time_left = clock.time_overdue = None
        clock.stored_urgency = clock.urgency
        if clock.state == Clock.State.STOPPED:
            continue
        moment = clock.paused_at if clock.state == Clock.State.PAUSED else at
        clock.time_left = engine.remaining(cal, unit=clock.unit, due_at=clock.due_at, at=moment)
        clock.time_overdue = -clock.time_left if clock.time_left < 0 else 0
        if clock.state == Clock.State.RUNNING:
            if clock.rule not in thresholds:
                thresholds[clock.rule] = due_soon_threshold(clock.rule)
            clock.urgency = engine.urgency_at(
                cal, unit=clock.unit, due_at=clock.due_at, at=at, threshold=thresholds[clock.rule]
            )
    return result


# --- The running clock of a rule, for every module's reads ------------------------------------

OPEN_STATES = (Clock.State.RUNNING, Clock.State.PAUSED)
URGENCIES = (Clock.Urgency.OVERDUE, Clock.Urgency.DUE_SOON, Clock.Urgency.ON_TIME)
# <prefix>_<name> annotation -> Clock column
_ANNOTATED = {
    "due_at": "due_at",
    "state": "state",
    "unit": "unit",
    "rule": "rule",
    "urgency_stored": "urgency",
}
_CLOCK_COLUMNS = {column: column for column in _ANNOTATED.values()}


def _rule_names(rule: str | Iterable[str]) -> list[str]:
    names = [rule] if isinstance(rule, str) else list(rule)
    if not names:
        raise ValueError("name at least one deadline rule")
    return names


def _rule_filter(names: list[str]) -> Q:
    return Q(rule=names[0]) if len(names) == 1 else Q(rule__in=names)


def open_clock(obj, rule: str | Iterable[str]) -> Clock | None:
    """The running or paused clock of `rule` (or of one of several rules) on `obj`; the newest
    if there are several (the engine allows one open clock per object and rule)."""
    return (
        clocks_for(obj)
        .filter(_rule_filter(_rule_names(rule)), state__in=OPEN_STATES)
        .order_by("-started_at", "-pk")
        .first()
    )


def with_open_clock(
    qs: QuerySet,
    rule: str | Iterable[str],
    prefix: str = "clock",
    fields: Iterable[str] | None = None,
) -> QuerySet:
    """Annotate each row with its newest open (running or paused) clock of the rule(s):
    `<prefix>_due_at`, `<prefix>_state`, `<prefix>_unit`, `<prefix>_rule` and
    `<prefix>_urgency_stored` (the last sweep's urgency); all None when there is none. Each is a
    correlated subquery on the clocks' (content type, object) index: still one query for a
    page. Follow with `live_urgency(rows, prefix)` for the urgency to show (it needs all five).
    `fields` (e.g. `["due_at"]`) annotates only those, for a column that shows a date only."""
    wanted = list(_ANNOTATED) if fields is None else list(fields)
    unknown = set(wanted) - set(_ANNOTATED)
    if unknown:
        raise ValueError(f"no clock annotation named {sorted(unknown)}")
    newest = _newest_open(qs.model, _rule_names(rule))
    return qs.annotate(
        **{
            f"{prefix}_{name}": Subquery(newest.values(column)[:1])
            for name, column in _ANNOTATED.items()
            if name in wanted
        }
    )


def _newest_open(model, names: list[str]) -> QuerySet[Clock]:
    """The open clocks of the rule(s) on the outer row (OuterRef("pk")), newest first."""
    return Clock.objects.filter(
        _rule_filter(names),
        content_type=ContentType.objects.get_for_model(model),
        object_id=OuterRef("pk"),
        state__in=OPEN_STATES,
    ).order_by("-started_at", "-pk")


def due_soon_threshold(rule: str) -> int:
    """A rule's due-soon threshold in its unit (settings.DEADLINE_DUE_SOON_WD for a wd rule
    without its own, or for a rule no longer registered)."""
    found = find_rule(rule)
    return found.due_soon_threshold if found else settings.DEADLINE_DUE_SOON_WD


class _Calendar:
    """Read the calendar at most once, and only if a working-day answer needs it."""

    def __init__(self):
        self._cal = None

    def get(self) -> WorkCalendar:
        if self._cal is None:
            self._cal = current_calendar()
        return self._cal


def live_urgency(rows, prefix: str = "clock", at: dt.datetime | None = None) -> list:
    """Set `<prefix>_urgency` on each row annotated by `with_open_clock`: for a running clock
    its urgency at `at` (default now) by the engine with the rule's threshold, as the sweep
    would store it; a paused clock keeps the stored one; no open clock gives None. At most one
    calendar read for the page. Returns the rows as a list."""
    at = at or time_source.now()
    cal, thresholds = _Calendar(), {}
    result = list(rows)
    for row in result:
        state = getattr(row, f"{prefix}_state", None)
        due_at = getattr(row, f"{prefix}_due_at", None)
        if due_at is None or state not in OPEN_STATES:
            value = None
        elif state == Clock.State.PAUSED:
            value = getattr(row, f"{prefix}_urgency_stored", None)
        else:
            unit, rule = getattr(row, f"{prefix}_unit"), getattr(row, f"{prefix}_rule")
            if rule not in thresholds:
                thresholds[rule] = due_soon_threshold(rule)
            value = engine.urgency_at(
                cal.get() if unit == WD else None,
                unit=unit,
                due_at=due_at,
                at=at,
                threshold=thresholds[rule],
            )
        setattr(row, f"{prefix}_urgency", value)
    return result


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 0)))


def due_soon_limit(cal: WorkCalendar | None, *, unit: str, threshold: int, at: dt.datetime):
    """The first moment at which a clock due then is on time, not due soon, seen at `at`:
    `engine.urgency_at` says "due_soon" exactly when at <= due_at < this moment.

    - hours: time left floor((due − at) / 1 h) <= T  ⇔  due < at + (T + 1) h;
    - days: (due day − today) <= T  ⇔  due day < today + T + 1;
    - wd: the working days after today up to the due day <= T  ⇔  the due day comes before
      the (T + 1)-th working day after today (a due day on the weekend after the T-th working
      day still counts T: due soon)."""
    if unit == HOURS:
        return at + dt.timedelta(hours=threshold + 1)
    today = timezone.localdate(at)
    if unit == DAYS:
        return _start_of(today + dt.timedelta(days=threshold + 1))
    first_on_time, _provisional = cal.add_workdays(today, threshold + 1)
    return _start_of(first_on_time)


def _live_q(
    urgency: str,
    names: list[str],
    at: dt.datetime,
    f: dict,
    *,
    others: bool = False,
    paused: bool = True,
    cal: "_Calendar | None" = None,
) -> Q:
    """The condition `live_urgency` answers with `urgency`, on the columns named by `f`
    (state, due_at, urgency, rule, unit: a clock's own or the annotations of a queryset).
    `others`: also the clocks of rules not in `names` (the default threshold, in their unit);
    `paused=False`: running clocks only."""
    if urgency not in URGENCIES:
        raise ValueError(f"unknown urgency {urgency!r}")
    running = Q(**{f["state"]: Clock.State.RUNNING})
    stored = Q(**{f["state"]: Clock.State.PAUSED, f["urgency"]: urgency}) if paused else None
    if urgency == Clock.Urgency.OVERDUE:  # the same for every rule: no calendar needed
        live = running & Q(**{f"{f['due_at']}__lt": at})
        return live if stored is None else live | stored
    cal = cal or _Calendar()
    # due-soon limit -> [(rule name, or None for "any other rule"; unit to check, or None)]
    limits: dict[dt.datetime, list[tuple[str | None, str | None]]] = defaultdict(list)
    entries = [(name, find_rule(name), due_soon_threshold(name)) for name in names]
    if others:
        entries.append((None, None, settings.DEADLINE_DUE_SOON_WD))
    for name, rule, threshold in entries:
        # A rule not registered (or any other rule): its clocks may be in any unit; say which.
        for unit in [rule.unit] if rule else list(UNITS):
            limit = due_soon_limit(
                cal.get() if unit == WD else None, unit=unit, threshold=threshold, at=at
            )
            limits[limit].append((name, None if rule else unit))

    def where(items) -> Q:
        if len(limits) == 1 and all(n is not None and u is None for n, u in items):
            return Q()  # one limit for every rule asked for: no need to tell them apart
        plain = [n for n, u in items if n is not None and u is None]
        q = Q(**{f"{f['rule']}__in": plain}) if plain else Q(pk__in=[])
        for name, unit in items:
            if unit is not None:
                rule_q = Q(**{f["rule"]: name}) if name else ~Q(**{f"{f['rule']}__in": names})
                q |= rule_q & Q(**{f["unit"]: unit})
        return q

    due = f["due_at"]
    if urgency == Clock.Urgency.DUE_SOON:
        live = Q(**{f"{due}__gte": at}) & _any(
            where(items) & Q(**{f"{due}__lt": limit}) for limit, items in limits.items()
        )
    else:
        live = _any(where(items) & Q(**{f"{due}__gte": limit}) for limit, items in limits.items())
    return running & live if stored is None else (running & live) | stored


def _any(conditions) -> Q:
    result = None
    for q in conditions:
        result = q if result is None else result | q
    return result if result is not None else Q(pk__in=[])


def filter_urgency(
    qs: QuerySet,
    urgency: str,
    rule: str | Iterable[str],
    prefix: str = "clock",
    at: dt.datetime | None = None,
) -> QuerySet:
    """The rows whose newest open clock of the rule(s) `live_urgency` would call `urgency`
    (overdue / due_soon / on_time), as SQL: overdue = running and due before now (or paused
    and stored overdue); due soon = running, not overdue, due before `due_soon_limit` (one
    calendar read); on time = the rest of the running ones. Annotates with `with_open_clock`
    if `qs` is not yet.

    The rows are first narrowed to the objects that have an open clock of the rule(s) in that
    urgency, a query on the clocks' own indexes (state, urgency, due_at; rule), and only then
    is the row's newest open clock checked to be one of those clocks: filtering on the
    annotations alone runs their subqueries for every row in scope (50,000 service
    applications: 765 → 42 ms). The narrowing query has no content-type condition (with it
    SQLite's planner walked every clock): the second check, which has one, removes the objects
    of other models with the same id."""
    names = _rule_names(rule)
    if f"{prefix}_due_at" not in qs.query.annotations:
        qs = with_open_clock(qs, names, prefix)
    matching = clocks_in_urgency(urgency, names, at=at)
    # the row's newest open clock is one of them: one correlated subquery per candidate row
    newest = Subquery(_newest_open(qs.model, names).values("pk")[:1])
    return (
        qs.filter(pk__in=matching.values("object_id"))
        .alias(**{f"{prefix}_clock_pk": newest})
        .filter(**{f"{prefix}_clock_pk__in": matching.values("pk")})
    )


def clocks_in_urgency(
    urgency: str, rule: str | Iterable[str], at: dt.datetime | None = None
) -> QuerySet[Clock]:
    """The open clocks of the rule(s), on any object, that `live_urgency` calls `urgency` at
    `at` (default now). For "has any open clock overdue" questions:
    `Exists(clocks_in_urgency("overdue", rules).filter(content_type=ct, object_id=OuterRef("pk")))`."""
    names = _rule_names(rule)
    return Clock.objects.filter(_rule_filter(names)).filter(
        _live_q(urgency, names, at or time_source.now(), _CLOCK_COLUMNS)
    )
