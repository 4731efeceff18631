"""Interpretation coverage (解读率) per agency, on a page and as CSV. Supervisors see every
agency; everyone else their agencies' subtrees (the selector's `viewer`)."""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sunshine.disclosure.interpretations.coverage import (
    coverage_total,
    coverage_years,
    interpretation_coverage,
)

from ..access import staff_required
from .views import _require_view


def _year(request) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 1949 < int(raw) < 3000 else None


def _rows(request):
    year = _year(request)
    rows = interpretation_coverage(year=year, viewer=request.user)
    return year, rows, coverage_total(rows)


@never_cache
@staff_required
def coverage(request):
    _require_view(request.user)
    year, rows, total = _rows(request)
    context = {
        "rows": rows,
        "total": total,
        "year": year,
        "years": coverage_years(viewer=request.user),
    }
    return render(request, "workbench/interpretations/coverage.html", context)


@never_cache
@staff_required
def coverage_csv(request):
    _require_view(request.user)
    year, rows, total = _rows(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"interpretation-coverage-{year or 'all'}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so that Excel reads the Chinese as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [_("机关"), _("需要解读"), _("已解读"), _("未解读"), _("其中免于解读"), _("解读率")]
    )
    for row in [*rows, total]:
        name = row.agency.name if row.agency else _("合计")
        writer.writerow([name, row.needing, row.interpreted, row.missing, row.waived, row.percent])
    return response
