"""Staff pages of the 权力清单: the list of one's agencies' items (filters, search), an item
with its versions, new item, revision (a new version from a date), repeal, and per agency the
XLSX import (all or nothing: every row error shown) and export. Thin: scoped selectors for
reads (404 outside one's agencies), services for writes."""

from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sunshine.governance.powers import selectors, services
from sunshine.governance.powers.choices import PowerKind
from sunshine.governance.powers.xlsx import HEADER, export_powers, max_rows, start_import
from sunshine.kernel.access.policy import agencies_for, can

from ..access import may_anywhere, staff_required
from ..actions import run_action, run_import
from .forms import ImportForm, PowerItemForm, RepealForm, ReviseForm

PAGE_SIZE = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_view(user) -> None:
    if not may_anywhere(user, "power.view_staff"):
        raise PermissionDenied(_("您没有查看权力清单的权限。"))


def _item(request, pk):
    _require_view(request.user)
    item = selectors.item_for_staff(request.user, pk)
    if item is None:
        raise Http404(_("该权力事项不存在，或不在您的权限范围内。"))
    return item


def _agency(request, agency_id, action="power.view_staff"):
    _require_view(request.user)
    agency = agencies_for(request.user, "power.view_staff").filter(pk=agency_id).first()
    if agency is None:
        raise Http404(_("该机关不存在，或不在您的权限范围内。"))
    if action != "power.view_staff" and not can(request.user, action, agency):
        raise PermissionDenied(_("只有本机关的单位管理员或公开办工作人员可以维护权力清单。"))
    return agency


@never_cache
@staff_required
def power_list(request):
    _require_view(request.user)
    agencies = agencies_for(request.user, "power.view_staff").order_by("path")
    kind = request.GET.get("kind", "")
    kind = kind if kind in PowerKind.values else ""
    q = request.GET.get("q", "").strip()[:100]
    try:
        agency_id = int(request.GET.get("agency") or 0)
    except ValueError:
        agency_id = 0
    items = selectors.items_for_staff(request.user, agency_id=agency_id or None, q=q, kind=kind)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    for item in page.object_list:
        item.shown = selectors.version_on(item)
        item.status = selectors.status_of(item)
    editable = [a for a in agencies if can(request.user, "power.edit", a)]
    context = {
        "page": page,
        "kinds": PowerKind.choices,
        "kind": kind,
        "q": q,
        "agencies": agencies,
        "agency_id": agency_id,
        "editable": editable,
    }
    return render(request, "workbench/powers/list.html", context)


def _content(data) -> dict:
    return {k: v for k, v in data.items() if k not in ("agency",)}


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def power_create(request):
    _require_view(request.user)
    editable = [a.pk for a in agencies_for(request.user, "power.edit")]
    if not editable:
        raise PermissionDenied(_("只有单位管理员或公开办工作人员可以维护权力清单。"))
    agencies = agencies_for(request.user, "power.edit").order_by("path")
    form = PowerItemForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            lambda: services.create_item(
                actor=request.user, agency=data["agency"], **_content(data)
            ),
            form=form,
            success=_("已新增权力事项。"),
            redirect_to=lambda item: reverse("workbench:powers_detail", args=[item.pk]),
        )
        if done:
            return done
    return render(request, "workbench/powers/form.html", {"form": form})


@never_cache
@staff_required
def power_detail(request, pk):
    item = _item(request, pk)
    may_edit = can(request.user, "power.edit", item)
    current = selectors.version_on(item)
    context = {
        "item": item,
        "current": current,
        "status": selectors.status_of(item),
        "versions": list(item.versions.all()),
        "may_edit": may_edit,
        "repeal_form": RepealForm() if may_edit else None,
    }
    return render(request, "workbench/powers/detail.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def power_revise(request, pk):
    item = _item(request, pk)
    if not can(request.user, "power.edit", item):
        raise PermissionDenied(_("只有本机关的单位管理员或公开办工作人员可以调整权力事项。"))
    latest = list(item.versions.all())[-1]
    initial = {
        name: getattr(latest, name) for name in ReviseForm.base_fields if hasattr(latest, name)
    }
    initial["kind"] = item.kind
    initial.pop("effective_from", None)
    initial.pop("note", None)
    form = ReviseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.revise_item(actor=request.user, item=item, **form.cleaned_data),
            form=form,
            success=lambda v: (
                _("已新增第 %(n)s 版，%(d)s 起生效。")
                % {"n": v.number, "d": v.effective_from.isoformat()}
            ),
            redirect_to=reverse("workbench:powers_detail", args=[item.pk]),
        )
        if done:
            return done
    return render(request, "workbench/powers/form.html", {"form": form, "item": item})


@never_cache
@staff_required
@require_http_methods(["POST"])
def power_repeal(request, pk):
    item = _item(request, pk)
    form = RepealForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {"on": request.POST.get("on"), "note": ""}
    return run_action(
        request,
        lambda: services.repeal_item(actor=request.user, item=item, **data),
        success=_("已登记废止。"),
        redirect_to=reverse("workbench:powers_detail", args=[item.pk]),
    )


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def power_import(request, agency_id):
    agency = _agency(request, agency_id, "power.edit")
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        done, row_errors = run_import(
            request,
            form,
            lambda: start_import(
                agency=agency, actor=request.user, uploaded_file=form.cleaned_data["file"]
            ),
            success=lambda result: (
                _("导入完成：新增 %(c)s 项，调整 %(r)s 项，未变 %(u)s 项。")
                % {"c": len(result.created), "r": len(result.revised), "u": len(result.unchanged)}
            ),
            redirect_to=f"{reverse('workbench:powers_list')}?agency={agency.pk}",
        )
        if done:
            return done
    context = {
        "agency": agency,
        "form": form,
        "row_errors": row_errors,
        "header": HEADER,
        "max_rows": max_rows(),
    }
    status = 422 if request.method == "POST" and not form.is_valid() else 200
    return render(request, "workbench/powers/import.html", context, status=status)


@never_cache
@staff_required
def power_export(request, agency_id):
    agency = _agency(request, agency_id)
    response = HttpResponse(export_powers(agency), content_type=XLSX)
    name = _("%(agency)s权力清单.xlsx") % {"agency": agency.name}
    response["Content-Disposition"] = (
        f"attachment; filename=\"powers-{agency.pk}.xlsx\"; filename*=UTF-8''{quote(name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
