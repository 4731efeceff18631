"""Staff pages of 督办: the list (issued by me / addressed to my agencies / all), an order
with its respond and close forms, and the generic "issue 督办" form for any registered
supervisable item (/workbench/oversight/new/?kind=<kind>&id=<pk>, supervisors only)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sunshine.kernel.access.policy import can, can_anywhere
from sunshine.kernel.duban import rules, selectors, services
from sunshine.kernel.duban.models import SupervisionOrder
from sunshine.kernel.duban.registry import get_supervisable, kind_label, supervisables

from ..access import staff_required
from ..actions import run_action
from .forms import CloseForm, IssueForm, RespondForm
from .registry import may_view

PAGE_SIZE = 30
BOXES = ("mine", "issued", "all")


def _require_view(user) -> None:
    if not may_view(user):
        raise PermissionDenied(_("您没有查看督办的权限。"))


def _order(request, pk):
    order = selectors.order_for_staff(request.user, pk)
    if order is None:
        raise Http404(_("该督办不存在，或不在您的权限范围内。"))
    return order


def _target_url(order) -> str:
    try:
        entry = get_supervisable(order.kind)
    except LookupError:
        return ""
    target = entry.get(order.object_id)
    if target is None:
        return ""
    try:
        return entry.url(target) or ""
    except Exception:  # the link is a convenience only
        return ""


@never_cache
@staff_required
def order_list(request):
    _require_view(request.user)
    user = request.user
    supervisor = can_anywhere(user, "oversight.issue")
    box = request.GET.get("box") or ("issued" if supervisor else "mine")
    box = box if box in BOXES else "mine"
    state = request.GET.get("state", "")
    state = state if state in SupervisionOrder.State.values else ""
    kind = request.GET.get("kind", "")
    if box == "issued":
        orders = selectors.orders(user, state=state or None, kind=kind or None, issued_by=user)
    elif box == "mine":
        orders = selectors.orders(
            user, state=state or None, kind=kind or None, addressed_to_user=user
        )
    else:
        orders = selectors.orders(user, state=state or None, kind=kind or None)
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    for order in page.object_list:
        order.kind_label = kind_label(order.kind)
    context = {
        "page": page,
        "box": box,
        "state": state,
        "kind": kind,
        "states": SupervisionOrder.State.choices,
        "kinds": [(s.kind, s.label) for s in supervisables()],
        "supervisor": supervisor,
    }
    return render(request, "workbench/oversight/list.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def order_detail(request, pk, act=None):
    order = _order(request, pk)
    respond_form = close_form = None
    if order.state == SupervisionOrder.State.OPEN and can(request.user, "oversight.respond", order):
        respond_form = RespondForm()
    if order.state != SupervisionOrder.State.CLOSED and can(request.user, "oversight.close", order):
        close_form = CloseForm()
    if request.method == "POST":
        if act == "respond" and respond_form is not None:
            form = respond_form = RespondForm(request.POST)
            service, success = services.respond_to_order, _("已反馈，督办人会收到通知。")
        elif act == "close" and close_form is not None:
            form = close_form = CloseForm(request.POST)
            service, success = services.close_order, _("督办已办结。")
        else:
            raise PermissionDenied(_("您不能对该督办执行此操作。"))
        if form.is_valid():

            def save(**data):
                return service(order=order, actor=request.user, **data)

            done = run_action(
                request,
                lambda: save(**form.cleaned_data),
                form=form,
                success=success,
                redirect_to=reverse("workbench:oversight_detail", kwargs={"pk": order.pk}),
            )
            if done:
                return done
            order = _order(request, pk)
    context = {
        "order": order,
        "kind_label": kind_label(order.kind),
        "target_url": _target_url(order),
        "clock": order.clock,
        "respond_form": respond_form,
        "close_form": close_form,
    }
    return render(request, "workbench/oversight/detail.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def issue(request):
    """督办 any registered item: ?kind=<kind>&id=<pk>. Supervisors (and sysadmin) only."""
    if not can_anywhere(request.user, "oversight.issue"):
        raise PermissionDenied(_("只有督查人员可以发起督办。"))
    kind = request.GET.get("kind", "")
    try:
        entry = get_supervisable(kind)
    except LookupError:
        raise Http404(_("该类事项不能督办。")) from None
    target = entry.get(request.GET.get("id", ""))
    if target is None:
        raise Http404(_("要督办的事项不存在。"))
    agency = entry.agency(target)
    form = IssueForm(request.POST or None, initial={"response_days": rules.default_days()})
    if request.method == "POST" and form.is_valid():

        def save(**data):
            return services.issue_order(
                target=target, agency=agency, actor=request.user, kind=entry.kind, **data
            )

        done = run_action(
            request,
            lambda: save(**form.cleaned_data),
            form=form,
            success=_("已发出督办，承办机关会收到通知。"),
            redirect_to=lambda order: reverse(
                "workbench:oversight_detail", kwargs={"pk": order.pk}
            ),
        )
        if done:
            return done
    try:
        target_url = entry.url(target) or ""
    except Exception:
        target_url = ""
    context = {
        "form": form,
        "target": target,
        "target_title": entry.title(target),
        "target_url": target_url,
        "kind_label": entry.label,
        "agency": agency,
        "existing": list(selectors.orders_for(target)[:10]),
    }
    return render(request, "workbench/oversight/issue.html", context)
