"""Staff pages of 主动公开基本目录: the catalogs the user may see, one agency's catalog, an
item (with the records that fulfil it) and the item form. Thin: reads through the scoped
selectors (what a user may not see is a 404), writes through the services, whose permission
checks and messages are shown on the page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.disclosure.catalog import selectors, services
from sunshine.disclosure.records.selectors import record_for_staff
from sunshine.kernel.access.policy import can

from ..access import staff_required
from ..actions import run_action
from .forms import EditItemForm, ItemForm
from .registry import may_view

PAGE_SIZE = 50


def require_view(user) -> None:
    if not may_view(user):
        raise PermissionDenied(_("您没有查看主动公开基本目录的权限。"))


def agency_or_404(request, agency_id):
    """An agency whose catalog the user may see (scoped in the query: else a 404)."""
    agency = selectors.staff_agency(request.user, agency_id)
    if agency is None:
        raise Http404(_("该机关不存在，或不在您的权限范围内。"))
    return agency


def item_or_404(request, pk):
    item = selectors.item_for_staff(request.user, pk)
    if item is None:
        raise Http404(_("该目录事项不存在，或不在您的权限范围内。"))
    return item


def public_catalog_url(agency_id) -> str:
    try:
        return reverse("portal:catalog_detail", args=[agency_id])
    except NoReverseMatch:
        return ""


def public_record_url(record) -> str:
    if not record.is_public:
        return ""
    try:
        return reverse("portal:records_detail", args=[record.pk])
    except NoReverseMatch:
        return ""


@never_cache
@staff_required
def catalog_home(request):
    require_view(request.user)
    rows = selectors.catalog_overview(request.user)
    if len(rows) == 1:
        return redirect("workbench:catalog_agency", agency_id=rows[0].agency.pk)
    return render(request, "workbench/catalog/home.html", {"rows": rows})


@never_cache
@staff_required
def catalog_agency(request, agency_id):
    agency = agency_or_404(request, agency_id)
    catalog = selectors.catalog_of(agency)
    q = request.GET.get("q", "").strip()
    stale = request.GET.get("stale") == "1"
    inactive = request.GET.get("inactive") == "1"
    page = None
    if catalog is not None:
        items = selectors.staff_items(catalog, q=q or None, stale=stale, inactive=inactive)
        page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
        for item in page.object_list:
            item.rule = selectors.time_limit_rule(item).describe() if item.time_limit else ""
    context = {
        "agency": agency,
        "catalog": catalog,
        "page": page,
        "q": q,
        "stale": stale,
        "inactive": inactive,
        "may_edit": can(request.user, "catalog.edit", agency),
        "may_review": can(request.user, "catalog.review", agency),
        "public_url": public_catalog_url(agency.pk) if catalog else "",
    }
    return render(request, "workbench/catalog/catalog.html", context)


@staff_required
@require_POST
def catalog_create(request, agency_id):
    agency = agency_or_404(request, agency_id)
    return run_action(
        request,
        lambda: services.create_catalog(agency=agency, actor=request.user),
        success=_("已建立主动公开基本目录。"),
        redirect_to=reverse("workbench:catalog_agency", args=[agency.pk]),
    )


@never_cache
@staff_required
def item_create(request, agency_id):
    agency = agency_or_404(request, agency_id)
    if not can(request.user, "catalog.edit", agency):
        raise PermissionDenied(_("只有本机关的公开办工作人员或单位管理员可以编辑目录。"))
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def save(**values):
            catalog = services.get_or_create_catalog(agency=agency, actor=request.user)
            return services.create_item(catalog=catalog, actor=request.user, **values)

        done = run_action(
            request,
            lambda: save(**form.cleaned_data),
            form=form,
            success=_("已新增目录事项。"),
            redirect_to=lambda item: reverse("workbench:catalog_item", args=[item.pk]),
        )
        if done:
            return done
    context = {"form": form, "agency": agency, "item": None}
    return render(request, "workbench/catalog/form.html", context)


@never_cache
@staff_required
def item_edit(request, pk):
    item = item_or_404(request, pk)
    if not can(request.user, "catalog.edit", item):
        raise PermissionDenied(_("只有本机关的公开办工作人员或单位管理员可以编辑目录。"))
    initial = {name: getattr(item, name) for name in EditItemForm.base_fields}
    form = EditItemForm(request.POST or None, initial=initial)
    back = request.GET.get("next", "")
    if request.method == "POST" and form.is_valid():
        if back == "review":
            to = reverse("workbench:catalog_review", args=[item.catalog.agency_id])
        else:
            to = reverse("workbench:catalog_item", args=[item.pk])
        done = run_action(
            request,
            lambda: services.update_item(item=item, actor=request.user, **form.cleaned_data),
            form=form,
            success=_("已保存目录事项。"),
            redirect_to=to,
        )
        if done:
            return done
    context = {"form": form, "agency": item.catalog.agency, "item": item, "next": back}
    return render(request, "workbench/catalog/form.html", context)


@never_cache
@staff_required
def item_detail(request, pk):
    item = item_or_404(request, pk)
    q = request.GET.get("q", "").strip()
    may_edit = can(request.user, "catalog.edit", item)
    links = list(selectors.linked_records(item))
    for link in links:
        link.public_url = public_record_url(link.record)
    context = {
        "item": item,
        "agency": item.catalog.agency,
        "rule": selectors.time_limit_rule(item).describe(),
        "links": links,
        "q": q,
        "candidates": selectors.linkable_records(request.user, item, q) if may_edit else [],
        "may_edit": may_edit,
        "history": selectors.item_review_history(item),
    }
    return render(request, "workbench/catalog/item.html", context)


@staff_required
@require_POST
def item_delete(request, pk):
    item = item_or_404(request, pk)
    agency_id = item.catalog.agency_id
    return run_action(
        request,
        lambda: services.delete_item(item=item, actor=request.user),
        success=_("已删除目录事项。"),
        redirect_to=reverse("workbench:catalog_agency", args=[agency_id]),
        refused_to=reverse("workbench:catalog_item", args=[item.pk]),
    )


@staff_required
@require_POST
def item_link(request, pk):
    item = item_or_404(request, pk)
    record = record_for_staff(request.user, request.POST.get("record"))
    back = reverse("workbench:catalog_item", args=[item.pk])
    if record is None:
        messages.error(request, _("该政府信息不存在，或不在您的权限范围内。"))
        return redirect(back)
    return run_action(
        request,
        lambda: services.link_record(item=item, record=record, actor=request.user),
        success=_("已关联：%(title)s") % {"title": record.title},
        redirect_to=back,
    )


@staff_required
@require_POST
def item_unlink(request, pk, record_pk):
    item = item_or_404(request, pk)
    record = record_for_staff(request.user, record_pk)
    if record is None:
        raise Http404(_("该政府信息不存在，或不在您的权限范围内。"))
    return run_action(
        request,
        lambda: services.unlink_record(item=item, record=record, actor=request.user),
        success=_("已取消关联：%(title)s") % {"title": record.title},
        redirect_to=reverse("workbench:catalog_item", args=[item.pk]),
    )
