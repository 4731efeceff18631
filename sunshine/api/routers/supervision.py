"""电子监察 for staff systems (staff token): the dashboard numbers per agency with their total
for a period, and the overdue list. Same selectors and the same scope as the workbench pages:
a supervisor sees every agency, agency staff their own agencies."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from sunshine.servicehall.supervision import selectors
from sunshine.servicehall.supervision.period import parse_period
from sunshine.servicehall.supervision.scope import scope_for

from ..auth import staff_token
from ..errors import NotFound
from ..pagination import id_param, limit_param, offset_param, page

router = Router(tags=["supervision"], auth=staff_token)
MAX_LIMIT = 200


class Numbers(Schema):
    agency_id: int | None
    agency_name: str
    received: int
    completed: int
    on_time: int
    on_time_rate: float | None
    average_days: float | None
    p90_days: int | None
    corrected: int
    correction_rate: float | None
    red: int
    yellow: int
    open_orders: int
    open_cases: int
    ratings: int
    bad_ratings: int
    satisfaction_rate: float | None


class DashboardOut(Schema):
    since: dt.date
    until: dt.date
    agencies: list[Numbers]
    total: Numbers


class OverdueOut(Schema):
    application_id: int | None
    number: str
    item_name: str
    agency_id: int
    agency_name: str
    step: str
    rule: str
    due_at: dt.datetime
    days_overdue: int | None
    has_open_order: bool


class OverduePage(Schema):
    count: int
    items: list[OverdueOut]


def _scope(request, agency: int | None):
    target = None
    if agency is not None:
        target = selectors.agency_for(agency)
        if target is None:
            raise NotFound(_("该单位不存在。"))
    scope = scope_for(request.user, agency=target)
    if scope is None:
        if target is None:
            raise HttpError(403, _("您没有查看电子监察的权限。"))
        raise NotFound(_("该单位不在您的权限范围内。"))
    return scope


@router.get("/dashboard", response=DashboardOut, summary="电子监察统计（各单位及合计）")
def dashboard(
    request,
    preset: str = "",
    since: str = "",
    until: str = "",
    agency: int | None = id_param(),
):
    """Rates are 0..1 (null when there is nothing to divide); handling times in working days
    (official calendar, 补正 pauses excluded). `preset`: month, last_month, quarter, year, 12m;
    or `since` and `until` (YYYY-MM-DD, inclusive)."""
    period = parse_period(preset=preset, since=since, until=until)
    board = selectors.dashboard(_scope(request, agency), period)
    return {
        "since": period.since,
        "until": period.until,
        "agencies": [r.as_dict() for r in board.rows],
        "total": board.total.as_dict(),
    }


@router.get("/overdue", response=OverduePage, summary="超期办件")
def overdue(
    request,
    agency: int | None = id_param(),
    limit: int = limit_param(50, MAX_LIMIT),
    offset: int = offset_param(),
):
    clocks = selectors.overdue_clocks(_scope(request, agency))
    return page(
        clocks, limit, offset, lambda part: [_overdue_row(r) for r in selectors.overdue_rows(part)]
    )


def _overdue_row(r) -> dict:
    return {
        "application_id": r.application.pk if r.application else None,
        "number": r.application.number if r.application else "",
        "item_name": r.application.item.name if r.application else "",
        "agency_id": r.clock.agency_id,
        "agency_name": r.clock.agency.name,
        "step": str(r.step),
        "rule": r.clock.rule,
        "due_at": timezone.localtime(r.clock.due_at),
        "days_overdue": r.days_overdue,
        "has_open_order": r.has_open_order,
    }
