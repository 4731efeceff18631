"""Staff pages of 办事事项: the list, the editor (with the missing-element check of the 办事指南),
materials and templates, publish / withdraw."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.kernel.access.policy import agencies_for, can
from sunshine.kernel.workflow.selectors import available_transitions, history
from sunshine.servicehall.catalog import selectors, services
from sunshine.servicehall.catalog.choices import ItemState
from sunshine.servicehall.catalog.guide import missing_elements

from ..access import staff_required
from ..actions import run_action
from .forms import ItemForm, MaterialForm
from .registry import may_edit_items

PAGE_SIZE = 30
EDIT_FIELDS = [f for f in ItemForm.base_fields if f not in ("code", "agency", "themes")]


def _require_view(user):
    if not may_edit_items(user):
        raise PermissionDenied(_("您没有管理办事事项的权限。"))


def _item(request, pk):
    item = selectors.staff_item(request.user, pk)
    if item is None:
        raise Http404(_("该事项不存在，或不在您的权限范围内。"))
    return item


@never_cache
@staff_required
def item_list(request):
    _require_view(request.user)
    state = request.GET.get("state", "")
    state = state if state in ItemState.values else ""
    q = request.GET.get("q", "").strip()[:100]
    items = selectors.staff_items(request.user, state=state or None, q=q)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "state": state, "q": q, "states": ItemState.choices}
    return render(request, "workbench/services/items.html", context)


def _item_form(request, *, item=None, data=None):
    initial = None
    if item is not None:
        initial = {f: getattr(item, f) for f in EDIT_FIELDS}
        initial["code"] = item.code
        initial["themes"] = list(item.themes.all())
    else:
        initial = {"online": True, "offline": True, "for_persons": True, "is_free": True}
    return ItemForm(
        data,
        initial=initial,
        agencies=agencies_for(request.user, "service_item.edit"),
        themes=selectors.themes(),
        editing=item is not None,
    )


@never_cache
@staff_required
def item_create(request):
    _require_view(request.user)
    form = _item_form(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.create_item(actor=request.user, **form.cleaned_data),
            form=form,
            success=_("事项已保存为草稿。"),
            redirect_to=lambda item: reverse("workbench:service_item", args=[item.pk]),
        )
        if done:
            return done
    return render(request, "workbench/services/item_form.html", {"form": form})


@never_cache
@staff_required
def item_detail(request, pk):
    _require_view(request.user)
    item = _item(request, pk)
    form = None
    if item.state == ItemState.DRAFT and can(request.user, "service_item.edit", item):
        form = _item_form(request, item=item, data=request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "code"}
            done = run_action(
                request,
                lambda: services.update_item(item=item, actor=request.user, **data),
                form=form,
                success=_("已保存。"),
                redirect_to=reverse("workbench:service_item", args=[item.pk]),
            )
            if done:
                return done
    context = {
        "item": item,
        "form": form,
        "material_form": MaterialForm(),
        "missing": missing_elements(item),
        "transitions": available_transitions(item, request.user),
        "history": list(history(item)),
    }
    return render(request, "workbench/services/item.html", context)


@staff_required
@require_POST
def add_material(request, pk):
    item = _item(request, pk)
    form = MaterialForm(request.POST, request.FILES)
    back = reverse("workbench:service_item", args=[item.pk])
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect(back)
    d = form.cleaned_data
    return run_action(
        request,
        lambda: services.add_material(
            item=item,
            actor=request.user,
            name=d["name"],
            required=d["required"],
            copies=d["copies"],
            description=d["description"],
            template=d.get("template"),
        ),
        success=_("材料已添加。"),
        redirect_to=back,
    )


@staff_required
@require_POST
def remove_material(request, pk, material_pk):
    item = _item(request, pk)
    material = next((m for m in item.materials.all() if m.pk == material_pk), None)
    if material is None:
        raise Http404()
    return run_action(
        request,
        lambda: services.remove_material(material=material, actor=request.user),
        redirect_to=reverse("workbench:service_item", args=[item.pk]),
    )


ACTS = {
    "publish": lambda item, user, comment: services.publish_item(item=item, actor=user),
    "withdraw": lambda item, user, comment: services.withdraw_item(
        item=item, actor=user, reason=comment
    ),
    "revise": lambda item, user, comment: services.revise_item(item=item, actor=user),
}


@staff_required
@require_POST
def item_act(request, pk, name):
    item = _item(request, pk)
    act = ACTS.get(name)
    if act is None:
        raise Http404()
    return run_action(
        request,
        lambda: act(item, request.user, request.POST.get("comment", "")),
        success=_("操作成功。"),
        redirect_to=reverse("workbench:service_item", args=[item.pk]),
    )
