"""Reads of 电子监察 (electronic supervision of 办件): per-agency and overall numbers for a
period, the overdue list, open 督办 and 差评 cases, clock alerts. Every number is an aggregate
query (grouped by agency); no query runs per application or per agency.

Definitions (docs/supervision.md):
- received: applications submitted (申请) in the period; corrected: those with ≥ 1 补正.
- completed: applications 办结 in the period.
- on time: of the `service.total` clocks (承诺时限) stopped at 办结 in the period, those stopped
  before their due time (the clock's own `met_deadline`; 补正 pauses moved the due time).
- handling time: working days (official calendar) after the day of 申请 up to the day of 办结,
  minus the working days the total clock was paused for 补正; average and p90 (nearest rank).
- red: applications with a running service.* clock past its due time now; yellow: running
  clocks marked due soon by the deadline sweep and not yet past due.
- open 督办 / open 差评 cases / satisfaction: 督办 not closed and cases not rectified *now*;
  ratings given in the period (kernel/ratings)."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from sunshine.kernel import clock as time_source
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import clocks_in_urgency
from sunshine.kernel.duban.models import SupervisionOrder
from sunshine.kernel.duban.selectors import orders
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.ratings.selectors import open_cases
from sunshine.servicehall.applications.models import ServiceApplication
from sunshine.servicehall.applications.registration import RATING_KIND
from sunshine.servicehall.applications.rules import ACCEPT, DECIDE, DELIVER, REVIEW, TOTAL

from . import stats, summary
from .period import Period, months_back
from .scope import Scope

KIND = RATING_KIND  # "service_application": ratings kind and supervisable kind
STEP_RULES = (ACCEPT, REVIEW, DECIDE, DELIVER)
SERVICE_RULES = (*STEP_RULES, TOTAL)


def application_type() -> ContentType:
    return ContentType.objects.get_for_model(ServiceApplication)  # cached after the first call


def _pct(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}%"


@dataclass
class AgencyNumbers:
    """The 电子监察 numbers of one agency (or of the total)."""

    agency_id: int | None = None
    name: str = ""
    path: str = ""
    received: int = 0
    corrected: int = 0
    completed: int = 0
    clocked: int = 0  # completed with a total clock (denominator of the on-time rate)
    on_time: int = 0
    handling: Counter = field(default_factory=Counter)  # working days → applications
    red: int = 0
    yellow: int = 0
    open_orders: int = 0
    overdue_orders: int = 0
    open_cases: int = 0
    overdue_cases: int = 0
    ratings: int = 0
    bad_ratings: int = 0
    satisfaction_rate: float | None = None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.clocked if self.clocked else None

    @property
    def correction_rate(self) -> float | None:
        return self.corrected / self.received if self.received else None

    @property
    def average_days(self) -> float | None:
        return stats.average(self.handling)

    @property
    def p90_days(self) -> int | None:
        return stats.percentile(self.handling, 90)

    # Display forms ("96.5%", "" when there is nothing to divide).
    @property
    def on_time_pct(self) -> str:
        return _pct(self.on_time_rate)

    @property
    def correction_pct(self) -> str:
        return _pct(self.correction_rate)

    @property
    def satisfaction_pct(self) -> str:
        return _pct(self.satisfaction_rate)

    @property
    def measured(self) -> int:
        return sum(self.handling.values())

    def as_dict(self) -> dict:
        rate = lambda v: None if v is None else round(v, 4)  # noqa: E731
        return {
            "agency_id": self.agency_id,
            "agency_name": self.name,
            "received": self.received,
            "completed": self.completed,
            "on_time": self.on_time,
            "on_time_rate": rate(self.on_time_rate),
            "average_days": None if self.average_days is None else round(self.average_days, 2),
            "p90_days": self.p90_days,
            "corrected": self.corrected,
            "correction_rate": rate(self.correction_rate),
            "red": self.red,
            "yellow": self.yellow,
            "open_orders": self.open_orders,
            "open_cases": self.open_cases,
            "ratings": self.ratings,
            "bad_ratings": self.bad_ratings,
            "satisfaction_rate": rate(self.satisfaction_rate),
        }


@dataclass
class Dashboard:
    period: Period
    rows: list[AgencyNumbers]
    total: AgencyNumbers


# --- the grouped queries ---------------------------------------------------------------------


def _applications(scope: Scope) -> QuerySet:
    return scope.filter(ServiceApplication.objects.all()).order_by()


def _service_clocks(scope: Scope) -> QuerySet:
    """The clocks of applications. The service.* rules are started only on applications
    (services/applications/rules.py), so the rule names alone select them: a content-type
    filter would make SQLite's planner walk the content-type index (every clock of the module)
    instead of the state index (the few thousand running clocks)."""
    return scope.filter(Clock.objects.filter(rule__in=SERVICE_RULES)).order_by()


def _open_clocks(scope: Scope, now: dt.datetime) -> list[dict]:
    """Red and yellow as of now (the kernel's read-side rule, not the last sweep's urgency)."""
    running = _service_clocks(scope).filter(state=Clock.State.RUNNING)
    due_soon = clocks_in_urgency(Clock.Urgency.DUE_SOON, SERVICE_RULES, at=now)
    return list(
        running.values("agency_id").annotate(
            red=Count("object_id", distinct=True, filter=Q(due_at__lt=now)),
            yellow=Count(
                "object_id",
                distinct=True,
                filter=Q(due_at__gte=now, pk__in=due_soon.values("pk")),
            ),
        )
    )


def _open_orders(scope: Scope, now: dt.datetime) -> list[dict]:
    qs = orders(kind=KIND, agency_ids=scope.agency_ids).exclude(state=SupervisionOrder.State.CLOSED)
    late = Q(clock__state=Clock.State.RUNNING, clock__due_at__lt=now)
    return list(
        qs.order_by()
        .values("agency_id")
        .annotate(open_orders=Count("pk"), overdue_orders=Count("pk", filter=late))
    )


def _open_cases(scope: Scope, now: dt.datetime) -> list[dict]:
    late = Q(clock__state=Clock.State.RUNNING, clock__due_at__lt=now)
    return list(
        open_cases(agency_ids=scope.agency_ids, kind=KIND)
        .order_by()
        .values("agency_id")
        .annotate(open_cases=Count("pk"), overdue_cases=Count("pk", filter=late))
    )


def dashboard(scope: Scope, period: Period) -> Dashboard:
    """One row per agency with any number in the period (every agency of the scope when it is
    a list), ordered by the agency tree, and the total. About ten queries, whatever the data."""
    now = time_source.now()
    rows: dict[int, AgencyNumbers] = {}

    def row(agency_id) -> AgencyNumbers:
        if agency_id not in rows:
            rows[agency_id] = AgencyNumbers(agency_id=agency_id)
        return rows[agency_id]

    cells = summary.numbers(period.since, period.until, scope.agency_ids)
    for agency_id, c in cells.items():
        target = row(agency_id)
        target.received, target.corrected, target.completed = c.received, c.corrected, c.completed
        target.clocked, target.on_time, target.handling = c.clocked, c.on_time, c.handling
        target.ratings, target.bad_ratings = c.ratings, c.bad_ratings
        target.satisfaction_rate = (c.ratings - c.bad_ratings) / c.ratings if c.ratings else None
    for r in _open_clocks(scope, now):
        target = row(r["agency_id"])
        target.red, target.yellow = r["red"], r["yellow"]
    for r in _open_orders(scope, now):
        target = row(r["agency_id"])
        target.open_orders, target.overdue_orders = r["open_orders"], r["overdue_orders"]
    for r in _open_cases(scope, now):
        target = row(r["agency_id"])
        target.open_cases, target.overdue_cases = r["open_cases"], r["overdue_cases"]
    if scope.agency_ids is not None:
        for agency_id in scope.agency_ids:
            row(agency_id)
    names = Agency.objects.filter(pk__in=list(rows)).values_list("pk", "name", "path")
    for pk, name, path in names:
        rows[pk].name, rows[pk].path = name, path
    ordered = sorted(rows.values(), key=lambda r: (r.path, r.agency_id))
    total = _sum(ordered)
    # The total of the per-agency satisfaction rows (kernel satisfaction_by_agency) equals
    # satisfaction_summary over the same filter (tested) without a second scan of the ratings.
    total.satisfaction_rate = (
        (total.ratings - total.bad_ratings) / total.ratings if total.ratings else None
    )
    return Dashboard(period=period, rows=ordered, total=total)


def _sum(rows: list[AgencyNumbers]) -> AgencyNumbers:
    total = AgencyNumbers(name="合计")
    for r in rows:
        for name in (
            "received", "corrected", "completed", "clocked", "on_time", "red", "yellow",
            "open_orders", "overdue_orders", "open_cases", "overdue_cases", "ratings",
            "bad_ratings",
        ):  # fmt: skip
            setattr(total, name, getattr(total, name) + getattr(r, name))
        total.handling.update(r.handling)
    return total


def monthly_volume(scope: Scope, months: int = 12) -> list[dict]:
    """Applications received and completed per month over the last `months` months (this
    month last), from the daily summary and the live days (summary.py)."""
    starts = months_back(months)
    days = summary.daily_volume(starts[0], time_source.today(), scope.agency_ids)
    counts = {m: [0, 0] for m in starts}
    for day, (received, completed) in days.items():
        month = day.replace(day=1)
        if month in counts:
            counts[month][0] += received
            counts[month][1] += completed
    return [{"month": m, "received": counts[m][0], "completed": counts[m][1]} for m in starts]
