"""期限看板 on the workbench: the public board's numbers for the agencies the user may see
(an agency and its sub-agencies; the general office: every agency), one row per agency, and a
drill-down from every figure to the clocks behind it, each opening the clock's page
(/workbench/clocks/<id>/)."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sunshine.assessment.clockboard import board as boards
from sunshine.kernel.access.policy import agencies_for

from ..access import may_anywhere, staff_required

ACTION = "clockboard.view_staff"


def _require(user):
    if not may_anywhere(user, ACTION):
        raise PermissionDenied(_("您没有查看期限看板的权限。"))


def _scope(request):
    """(agency or None for all, the agencies the user may choose, whether "all" is allowed,
    errors). A user who sees every agency may choose "all"; others default to their top one."""
    allowed = agencies_for(request.user, ACTION).order_by("path")
    ids = set(allowed.values_list("pk", flat=True))
    from sunshine.kernel.orgs.models import Agency

    sees_all = len(ids) >= Agency.objects.count()
    errors = {}
    raw = request.GET.get("agency", "")
    agency = None
    if raw:
        if raw.isdigit() and int(raw) in ids:
            agency = allowed.get(pk=int(raw))
        else:
            errors["agency"] = _("您不能查看该机关的期限统计。")
    if agency is None and not sees_all:
        agency = allowed.first()
    return agency, allowed, sees_all, errors


@never_cache
@staff_required
def board_index(request):
    _require(request.user)
    agency, allowed, sees_all, errors = _scope(request)
    period, period_errors = boards.parse_period(request.GET)
    errors.update(period_errors)
    data = boards.board(agency, period, per_agency=True)
    base = f"agency={agency.pk}&" if agency else ""
    context = {
        "b": data,
        "agency": agency,
        "agencies": list(allowed[:300]),
        "sees_all": sees_all,
        "period": period,
        "errors": errors,
        "form": {k: request.GET.get(k, "") for k in ("period", "since", "until")},
        "choices": boards.period_choices(),
        "definitions": boards.DEFINITIONS,
        "chart": data.chart,
        "drill": f"{base}{period.query}",
        "period_query": period.query,
        "csv_query": f"{base}{period.query}",
    }
    return render(request, "workbench/clockboard/board.html", context)


@never_cache
@staff_required
def board_csv(request):
    _require(request.user)
    agency, _allowed, _sees_all, errors = _scope(request)
    if errors:
        raise PermissionDenied(errors["agency"])
    period, _errors = boards.parse_period(request.GET)
    data = boards.board(agency, period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"qxkb-{agency.pk if agency else 'all'}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in boards.csv_rows(data):
        writer.writerow(row)
    return response


@never_cache
@staff_required
def clock_drill(request):
    _require(request.user)
    agency, _allowed, _sees_all, errors = _scope(request)
    if errors:
        raise PermissionDenied(errors["agency"])
    period, period_errors = boards.parse_period(request.GET)
    kind = request.GET.get("kind", "")
    if kind not in boards.DRILL_LABELS:
        kind = "finished"
    rule = request.GET.get("rule", "")
    if rule and rule not in boards.board_rules():
        rule = ""
    qs = boards.clocks_for_staff(request.user, kind, agency=agency, rule=rule, period=period)
    # keyset pages ("after"/"before" a clock): no OFFSET, no count over the period's clocks
    bounds = {}
    for name in ("after", "before"):
        raw = request.GET.get(name, "")
        if raw:
            bounds[name] = boards.parse_cursor(raw)
            if bounds[name] is None:
                period_errors["page"] = _("分页参数无效，已显示第一页。")
                bounds = {}
                break
    page = boards.clock_page(qs, kind, **bounds)
    base = "&".join(
        p
        for p in (
            f"kind={kind}",
            f"agency={agency.pk}" if agency else "",
            f"rule={rule}" if rule else "",
            period.query,
        )
        if p
    )
    context = {
        "page": page,
        "clocks": boards.with_handling_time(page.clocks),
        "kind": kind,
        "kind_label": boards.DRILL_LABELS[kind],
        "rule": rule,
        "rule_label": boards.rule_public_label(rule) if rule else "",
        "agency": agency,
        "period": period,
        "errors": period_errors,
        "base_query": base,
        "back_query": "&".join(
            p for p in (f"agency={agency.pk}" if agency else "", period.query) if p
        ),
        "in_period": kind in ("finished", "on_time", "late"),
    }
    return render(request, "workbench/clockboard/clocks.html", context)
