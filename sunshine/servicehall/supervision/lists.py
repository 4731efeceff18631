"""Lists of 电子监察: the overdue clocks of applications (with their step, working days
overdue and open 督办), open 督办, open 差评 cases and unacknowledged clock alerts. Each list is
one query, and a page of overdue clocks is decorated with two more (no query per row)."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from sunshine.kernel import clock as time_source
from sunshine.kernel.deadlines.models import Clock, ClockAlert
from sunshine.kernel.duban.models import SupervisionOrder
from sunshine.kernel.duban.selectors import orders
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.ratings.selectors import open_cases
from sunshine.kernel.workcalendar.calendar import CalendarRangeError, current_calendar
from sunshine.servicehall.applications.models import ServiceApplication

from .numbers import KIND, _service_clocks, application_type
from .scope import Scope


@dataclass
class OverdueRow:
    clock: Clock
    application: ServiceApplication | None
    step: str
    days_overdue: int | None
    has_open_order: bool


def overdue_clocks(scope: Scope) -> QuerySet[Clock]:
    """Running service.* clocks past their due time now, the longest overdue first."""
    return (
        _service_clocks(scope)
        .filter(state=Clock.State.RUNNING, due_at__lt=time_source.now())
        .select_related("agency")
        # An expression, not the column: ordered by the bare due_at with a LIMIT, PostgreSQL
        # walks the due_at index through every stopped clock (0.2 s at 240,000 clocks) instead
        # of taking the few running ones (state index) and sorting them.
        .order_by(Coalesce("due_at", "stopped_at"), "pk")
    )


def overdue_rows(clocks) -> list[OverdueRow]:
    """Decorate a page of overdue clocks: their applications (one query), whether a 督办 is
    open on each (one query), the working days overdue (the calendar, no query)."""
    clocks = list(clocks)
    ids = {c.object_id for c in clocks}
    apps = ServiceApplication.objects.select_related("item", "agency").only(
        "pk", "number", "state", "applicant_name", "submitted_at", "agency_id",
        "item__name", "agency__name", "agency__short_name", "agency__path",
    ).in_bulk(list(ids))  # fmt: skip
    ordered = set(
        SupervisionOrder.objects.filter(
            content_type=application_type(), object_id__in=list(ids)
        )
        .exclude(state=SupervisionOrder.State.CLOSED)
        .values_list("object_id", flat=True)
    ) if ids else set()  # fmt: skip
    cal, today = current_calendar(), time_source.today()
    result = []
    for c in clocks:
        try:
            days = cal.workdays_between(timezone.localdate(c.due_at), today)[0]
        except CalendarRangeError:
            days = None
        result.append(
            OverdueRow(
                clock=c,
                application=apps.get(c.object_id),
                step=c.rule_label,
                days_overdue=days,
                has_open_order=c.object_id in ordered,
            )
        )
    return result


def open_orders(scope: Scope) -> QuerySet[SupervisionOrder]:
    """督办 of applications not yet closed (with their response clocks)."""
    return orders(kind=KIND, agency_ids=scope.agency_ids).exclude(
        state=SupervisionOrder.State.CLOSED
    )


def open_bad_rating_cases(scope: Scope):
    """差评整改 cases of applications not yet rectified (with their clocks)."""
    return open_cases(agency_ids=scope.agency_ids, kind=KIND)


def alerts(scope: Scope) -> QuerySet[ClockAlert]:
    """Unacknowledged due-soon (yellow) and overdue (red) alerts raised by the deadline sweep
    on open service.* clocks, latest first."""
    open_clocks = _service_clocks(scope).filter(state__in=[Clock.State.RUNNING, Clock.State.PAUSED])
    # Driven by the few open clocks (state index), not by a join over every clock.
    qs = ClockAlert.objects.filter(acknowledged=False, clock_id__in=open_clocks.values("pk"))
    return qs.select_related("clock", "clock__agency").order_by("-raised_at", "-pk")


def agency_for(pk) -> Agency | None:
    try:
        return Agency.objects.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None
