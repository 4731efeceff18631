"""The annual report's tables three and four for an agency and a year, on a staff page and as
CSV / XLSX (the same numbers as `manage.py foi_annual_tables`)."""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sunshine.disclosure.foi.annual import InvariantError, annual_tables, flat_rows
from sunshine.disclosure.foi.selectors import annual_agencies
from sunshine.kernel import clock
from sunshine.kernel.access.policy import can_anywhere

from ..access import staff_required


def _params(request):
    agencies = annual_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied(_("您没有查看年度报表的权限。"))
    agency = agencies.filter(pk=request.GET.get("agency") or 0).first() or agencies.first()
    try:
        year = int(request.GET.get("year") or clock.today().year - 1)
    except ValueError:
        year = clock.today().year - 1
    year = min(max(year, 2008), clock.today().year)
    return agencies, agency, year


@never_cache
@staff_required
def annual(request):
    agencies, agency, year = _params(request)
    error, tables = None, None
    try:
        tables = annual_tables(agency, year)
    except InvariantError as exc:
        error = str(exc)
        tables = annual_tables(agency, year, check=False)
    context = {
        "agencies": agencies[:500],
        "agency": agency,
        "year": year,
        "years": list(range(clock.today().year, 2019, -1)),
        "tables": tables,
        "error": error,
        "may_register": can_anywhere(request.user, "foi.handle"),
    }
    return render(request, "workbench/foi/annual.html", context)


@never_cache
@staff_required
def annual_export(request, fmt):
    _agencies, agency, year = _params(request)
    rows = flat_rows(annual_tables(agency, year, check=False))
    name = f"foi-annual-{agency.pk}-{year}"
    if fmt == "csv":
        out = io.StringIO()
        out.write("\ufeff")  # Excel opens UTF-8 CSV with a BOM
        csv.writer(out).writerows(rows)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = str(year)
        for cells in rows:
            sheet.append(cells)
        sheet.column_dimensions["A"].width = 60
        data = io.BytesIO()
        book.save(data)
        response = HttpResponse(
            data.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        from django.http import Http404

        raise Http404()
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
