"""电子监察 pages: the dashboard across agencies (supervisors) or over the user's agencies
(agency staff), one agency's page, the overdue list with 督办 buttons, and the XLSX export.
Thin: numbers from services.supervision.selectors, scope from the permission policy."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sunshine.kernel import clock
from sunshine.kernel.access.policy import can_anywhere
from sunshine.servicehall.supervision import selectors
from sunshine.servicehall.supervision.period import PRESETS, parse_period
from sunshine.servicehall.supervision.scope import may_view, scope_for, visible_agencies

from ..access import may_anywhere, staff_required
from . import charts, export

OVERDUE_PAGE = 50
EXPORT_OVERDUE_MAX = 5000


def _pattern(name: str):
    """pk → URL of a route with one int argument, reversed once (not once per table row)."""
    sample = reverse(name, args=[987654321])
    head, tail = sample.split("987654321")
    return lambda pk: f"{head}{pk}{tail}"


def _decorate(rows=(), overdue=()) -> None:
    agency_url = _pattern("workbench:supervision_agency")
    for row in rows:
        row.url = agency_url(row.agency_id)
    app_url = _pattern("workbench:service_application_detail")
    issue = reverse("workbench:oversight_new") + f"?kind={selectors.KIND}&id="
    for r in overdue:
        if r.application is not None:
            r.app_url = app_url(r.application.pk)
            r.issue_url = f"{issue}{r.application.pk}"


def _require(user) -> None:
    if not may_view(user):
        raise PermissionDenied(_("您没有查看电子监察的权限。"))


def _filters(request, *, agency=None):
    """(period, scope, agency) from the query string; an agency outside the user's scope is
    a 404."""
    g = request.GET
    period = parse_period(
        preset=g.get("preset", ""), since=g.get("since", ""), until=g.get("until", "")
    )
    if agency is None and g.get("agency"):
        agency = selectors.agency_for(g.get("agency"))
        if agency is None:
            raise Http404(_("该单位不存在。"))
    scope = scope_for(request.user, agency=agency)
    if scope is None:
        raise Http404(_("该单位不在您的权限范围内。"))
    return period, scope, agency


def _query(period, agency=None, **extra) -> str:
    params = {"preset": period.preset} if period.preset else {
        "since": f"{period.since:%Y-%m-%d}", "until": f"{period.until:%Y-%m-%d}"
    }  # fmt: skip
    if agency is not None:
        params["agency"] = agency.pk
    params.update(extra)
    return urlencode(params)


def _common(request, period, scope, agency) -> dict:
    return {
        "period": period,
        "presets": list(PRESETS.items()),
        "agency": agency,
        "agencies": list(visible_agencies(request.user).only("pk", "name", "path")[:500]),
        "query": _query(period, agency),
        "period_query": _query(period),
        "may_issue": can_anywhere(request.user, "oversight.issue"),
        "today": clock.today(),
    }


@never_cache
@staff_required
def dashboard(request):
    _require(request.user)
    period, scope, agency = _filters(request)
    board = selectors.dashboard(scope, period)
    months = selectors.monthly_volume(scope)
    overdue = selectors.overdue_rows(selectors.overdue_clocks(scope)[:10])
    _decorate(board.rows, overdue)
    context = _common(request, period, scope, agency) | {
        "board": board,
        "months": months,
        "overdue": overdue,
        "chart_on_time": charts.on_time_bars(board.rows),
        "chart_monthly": charts.monthly_lines(months),
        "alert_count": selectors.alerts(scope).count(),
    }
    return render(request, "workbench/supervision/dashboard.html", context)


@never_cache
@staff_required
def agency_page(request, pk):
    _require(request.user)
    agency = selectors.agency_for(pk)
    if agency is None:
        raise Http404(_("该单位不存在。"))
    period, scope, agency = _filters(request, agency=agency)
    board = selectors.dashboard(scope, period)
    months = selectors.monthly_volume(scope)
    overdue = selectors.overdue_rows(selectors.overdue_clocks(scope)[:20])
    _decorate(board.rows, overdue)
    context = _common(request, period, scope, agency) | {
        "board": board,
        "months": months,
        "chart_monthly": charts.monthly_lines(months),
        "overdue": overdue,
        "orders": list(selectors.open_orders(scope)[:20]),
        "cases": list(selectors.open_bad_rating_cases(scope)[:20]),
        # 电子监察 viewers who may not open a 差评整改 case (e.g. sysadmin) see it unlinked.
        "may_open_cases": may_anywhere(request.user, "rating.view_staff"),
        "alerts": list(selectors.alerts(scope)[:20]),
    }
    return render(request, "workbench/supervision/agency.html", context)


@never_cache
@staff_required
def overdue(request):
    _require(request.user)
    period, scope, agency = _filters(request)
    page = Paginator(selectors.overdue_clocks(scope), OVERDUE_PAGE).get_page(
        request.GET.get("page")
    )
    rows = selectors.overdue_rows(page.object_list)
    _decorate(overdue=rows)
    context = _common(request, period, scope, agency) | {"page": page, "rows": rows}
    return render(request, "workbench/supervision/overdue.html", context)


@never_cache
@staff_required
def export_xlsx(request):
    _require(request.user)
    period, scope, agency = _filters(request)
    board = selectors.dashboard(scope, period)
    rows = selectors.overdue_rows(selectors.overdue_clocks(scope)[:EXPORT_OVERDUE_MAX])
    data = export.dashboard_workbook(board, rows, selectors.monthly_volume(scope))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"supervision-{period.since:%Y%m%d}-{period.until:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
