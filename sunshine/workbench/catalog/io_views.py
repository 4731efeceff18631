"""Import and export of a catalog as XLSX (the standard column layout). An import with bad
rows saves nothing and shows every problem with its row number and column."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sunshine.disclosure.catalog import selectors
from sunshine.disclosure.catalog.imports import CatalogImportError, import_catalog
from sunshine.disclosure.catalog.xlsx import HEADER, export_workbook
from sunshine.kernel import clock
from sunshine.kernel.access.policy import can

from ..access import staff_required
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
def catalog_export(request, agency_id):
    agency = agency_or_404(request, agency_id)
    catalog = selectors.catalog_of(agency)
    items = selectors.staff_items(catalog) if catalog is not None else []
    name = _("%(agency)s主动公开基本目录-%(date)s.xlsx") % {
        "agency": agency.name,
        "date": f"{clock.today():%Y%m%d}",
    }
    return xlsx_response(export_workbook(items), name)


@never_cache
@staff_required
def catalog_import(request, agency_id):
    agency = agency_or_404(request, agency_id)
    if not can(request.user, "catalog.edit", agency):
        raise PermissionDenied(_("只有本机关的公开办工作人员或单位管理员可以导入目录。"))
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = import_catalog(
                agency=agency, actor=request.user, uploaded_file=form.cleaned_data["file"]
            )
        except CatalogImportError as exc:
            row_errors = exc.row_errors
            form.add_error(
                None,
                _("文件中有 %(n)s 处问题，未导入任何事项。请修改后重新上传。")
                % {"n": len(row_errors)},
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            messages.success(
                request,
                _("导入完成：新增 %(c)s 项，修改 %(u)s 项，未变 %(n)s 项。")
                % {
                    "c": len(result.created),
                    "u": len(result.updated),
                    "n": len(result.unchanged),
                },
            )
            return redirect("workbench:catalog_agency", agency_id=agency.pk)
    context = {"agency": agency, "form": form, "row_errors": row_errors, "header": HEADER}
    return render(request, "workbench/catalog/import.html", context)
