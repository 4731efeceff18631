"""The yearly review page: every active item with its decision (confirm unchanged, or change
it through the item form), opening a review early and completing it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.disclosure.catalog import review, selectors
from sunshine.kernel.access.policy import can

from ..access import staff_required
from ..actions import run_action
from .views import agency_or_404, item_or_404


@never_cache
@staff_required
def review_page(request, agency_id):
    agency = agency_or_404(request, agency_id)
    current = selectors.open_review_for(agency)
    catalog = current.catalog if current is not None else selectors.catalog_of(agency)
    items = list(selectors.review_items(current)) if current is not None else []
    context = {
        "agency": agency,
        "catalog": catalog,
        "review": current,
        "items": items,
        "decided": sum(1 for i in items if i.decision),
        "past": selectors.past_reviews(catalog) if catalog and current is None else [],
        "may_review": can(request.user, "catalog.review", agency),
        "may_edit": can(request.user, "catalog.edit", agency),
    }
    return render(request, "workbench/catalog/review.html", context)


@staff_required
@require_POST
def review_open(request, agency_id):
    agency = agency_or_404(request, agency_id)
    catalog = selectors.catalog_of(agency)
    back = reverse("workbench:catalog_review", args=[agency.pk])
    if catalog is None:
        messages.error(request, _("该机关尚未建立主动公开基本目录。"))
        return redirect(back)
    return run_action(
        request,
        lambda: review.open_review(catalog=catalog, actor=request.user),
        success=_("已发起目录审核，请逐项确认或修改。"),
        redirect_to=back,
    )


@staff_required
@require_POST
def review_confirm(request, pk):
    item = item_or_404(request, pk)
    url = reverse("workbench:catalog_review", args=[item.catalog.agency_id])
    note = request.POST.get("note", "")
    return run_action(
        request,
        lambda: review.confirm_item(item=item, actor=request.user, note=note),
        redirect_to=f"{url}#item-{item.pk}",
    )


@staff_required
@require_POST
def review_complete(request, agency_id):
    agency = agency_or_404(request, agency_id)
    catalog = selectors.catalog_of(agency)
    current = selectors.open_review_of(catalog) if catalog is not None else None
    back = reverse("workbench:catalog_review", args=[agency.pk])
    if current is None:
        messages.error(request, _("目录当前没有进行中的审核。"))
        return redirect(back)
    return run_action(
        request,
        lambda: review.complete_review(review=current, actor=request.user),
        success=_("目录审核已完成。"),
        redirect_to=back,
    )
