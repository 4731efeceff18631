"""Import and export of a catalog as XLSX (the standard column layout). An import with bad
rows saves nothing and shows every problem with its row number and column. A large import or
export runs as a background task (a kernel FileJob): the page of the job (workbench/filejobs)
shows its progress, then the result."""

from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sunshine.disclosure.catalog import exports, imports, selectors
from sunshine.disclosure.catalog.xlsx import HEADER
from sunshine.kernel.access.policy import can
from sunshine.kernel.files.models import FileJob

from ..access import staff_required
from ..actions import run_import
from .forms import ImportForm
from .views import agency_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    # RFC 6266 with a UTF-8 name (Chinese file names) and an ASCII fallback.
    response["Content-Disposition"] = (
        f"attachment; filename=\"catalog.xlsx\"; filename*=UTF-8''{quote(filename)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def catalog_export(request, agency_id):
    """A small catalog downloads at once; a large one is written by a background task, which
    a POST starts (a GET never creates work) and whose page offers the file."""
    agency = agency_or_404(request, agency_id)
    catalog = selectors.catalog_of(agency)
    count = catalog.active_count if catalog is not None else 0
    if count > exports.sync_rows() and request.method == "GET":
        context = {"agency": agency, "count": count}
        return render(request, "workbench/catalog/export_large.html", context)
    result = exports.start_export(agency=agency, actor=request.user)
    if isinstance(result, FileJob):
        return redirect("workbench:filejob", pk=result.pk)
    name, data = result
    return xlsx_response(data, name)


@never_cache
@staff_required
def catalog_import(request, agency_id):
    agency = agency_or_404(request, agency_id)
    if not can(request.user, "catalog.edit", agency):
        raise PermissionDenied(_("只有本机关的公开办工作人员或单位管理员可以导入目录。"))
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        done, row_errors = run_import(
            request,
            form,
            lambda: imports.start_import(
                agency=agency, actor=request.user, uploaded_file=form.cleaned_data["file"]
            ),
            success=lambda result: (
                _("导入完成：新增 %(c)s 项，修改 %(u)s 项，未变 %(n)s 项。")
                % {"c": len(result.created), "u": len(result.updated), "n": len(result.unchanged)}
            ),
            redirect_to=reverse("workbench:catalog_agency", args=[agency.pk]),
        )
        if done:
            return done
    context = {
        "agency": agency,
        "form": form,
        "row_errors": row_errors,
        "header": HEADER,
        "max_rows": imports.max_rows(),
        "sync_rows": imports.sync_rows(),
    }
    return render(request, "workbench/catalog/import.html", context)
