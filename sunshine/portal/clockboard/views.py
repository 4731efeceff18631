"""公开的期限看板 on the portal: /qxkb/ (the whole government) and /qxkb/<agency id>/ (one
agency with its sub-agencies): every statutory clock kind with its on-time rate, median and
p90 handling time in working days and the clocks overdue now, with the definitions, a period
filter, a CSV download and a bar chart (SVG drawn on the server). The numbers are those of
sunshine.assessment.clockboard.board."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.assessment.clockboard import board as boards

from ..pagecache import anonymous_page_cache, render_context

COLUMN = {
    "current_column": "zwgk",
    "column_name": gettext_lazy("期限看板"),
    "column_type": gettext_lazy("政务公开"),
}


def _agency(agency_id):
    if agency_id is None:
        return None
    agency = boards.board_agency(agency_id)
    if agency is None:
        raise Http404(_("没有这个机关。"))
    return agency


def _url(agency, csv_file: bool = False) -> str:
    name = "clockboard_csv" if csv_file else "clockboard"
    if agency is None:
        return reverse(f"portal:{name}")
    return reverse(f"portal:clockboard_agency{'_csv' if csv_file else ''}", args=[agency.pk])


@anonymous_page_cache
def board_page(request, agency_id=None):
    chosen = request.GET.get("agency")
    if chosen is not None and agency_id is None:  # the chooser's form: go to the agency's page
        params = request.GET.copy()
        for key in list(params):  # the empty fields of the form say nothing
            if key == "agency" or not params.get(key):
                params.pop(key)
        target = _agency(int(chosen)) if chosen.isdigit() else None
        url = _url(target)
        return redirect(f"{url}?{params.urlencode()}" if params else url)
    agency = _agency(agency_id)
    period, errors = boards.parse_period(request.GET)
    data = boards.board(agency, period, per_agency=agency is None)
    title = _("期限看板")
    context = {
        **COLUMN,
        "b": data,
        "agency": agency,
        "period": period,
        "errors": errors,
        "form": {
            "period": request.GET.get("period", ""),
            "since": request.GET.get("since", ""),
            "until": request.GET.get("until", ""),
        },
        "choices": boards.period_choices(),
        "agencies": boards.board_agencies(),
        "definitions": boards.DEFINITIONS,
        "chart": data.chart,
        "csv_url": _url(agency, csv_file=True) + (f"?{period.query}" if period.query else ""),
        "article_title": f"{title} · {agency.name}" if agency else title,
        "keywords": _("期限看板,按期办结率,办理时限,依申请公开,留言答复"),
        "description": _("各机关法定期限事项的按期办结率、办理用时（工作日）和当前逾期情况。"),
    }
    return render(request, "portal/clockboard/board.html", render_context(request, context))


def board_csv(request, agency_id=None):
    agency = _agency(agency_id)
    period, _errors = boards.parse_period(request.GET)
    data = boards.board(agency, period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"qxkb-{agency.pk if agency else 'all'}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM
    writer = csv.writer(response)
    for row in boards.csv_rows(data):
        writer.writerow(row)
    return response
