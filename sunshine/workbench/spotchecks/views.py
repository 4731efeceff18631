"""Staff pages of 双随机、一公开: plans of one's agencies and the two libraries per agency
(XLSX import, all or nothing with every row error shown), a new plan on a 行政检查 item of the
权力清单, the draw (a button; refused with the reason when the 回避 rules leave a target too few
inspectors), results per drawn target, and their publication (公示). Thin: scoped selectors for
reads (404 outside one's agencies), services for writes."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.governance.powers.selectors import inspection_items
from sunshine.governance.spotchecks import libraries, selectors, services
from sunshine.governance.spotchecks.choices import PlanState
from sunshine.kernel.access.policy import agencies_for, can
from sunshine.kernel.deadlines.selectors import open_clock

from ..access import may_anywhere, staff_required
from ..actions import run_action, run_import
from .forms import ImportForm, PlanForm, ResultForm

LIBRARIES = {
    "targets": (libraries.TARGET_COLUMNS, gettext_lazy("检查对象名录库")),
    "inspectors": (libraries.INSPECTOR_COLUMNS, gettext_lazy("执法检查人员名录库")),
}


def _require_view(user) -> None:
    if not may_anywhere(user, "spotcheck.view_staff"):
        raise PermissionDenied(_("您没有查看双随机抽查的权限。"))


def _plan(request, pk):
    _require_view(request.user)
    plan = selectors.plan_for_staff(request.user, pk)
    if plan is None:
        raise Http404(_("该抽查计划不存在，或不在您的权限范围内。"))
    return plan


@never_cache
@staff_required
def plan_list(request):
    _require_view(request.user)
    state = request.GET.get("state", "")
    plans = selectors.plans_for_staff(request.user, state=state)[:200]
    agencies = agencies_for(request.user, "spotcheck.manage").order_by("path")
    libs = [{"agency": a, **selectors.library_counts(a)} for a in agencies]
    context = {"plans": plans, "states": PlanState.choices, "state": state, "libraries": libs}
    return render(request, "workbench/spotchecks/list.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    _require_view(request.user)
    agencies = agencies_for(request.user, "spotcheck.manage").order_by("path")
    if not agencies.exists():
        raise PermissionDenied(_("只有单位管理员或公开办工作人员可以制定抽查计划。"))
    items = [
        (v.item_id, f"{v.item.code} {v.name}（{v.item.agency.name}）")
        for agency in agencies
        for v in inspection_items(agency)
    ]
    form = PlanForm(request.POST or None, agencies=agencies, items=items)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency = data.pop("agency")
        done = run_action(
            request,
            lambda: services.create_plan(actor=request.user, agency=agency, **data),
            form=form,
            success=_("已制定抽查计划，预先公布的数字已生成。"),
            redirect_to=lambda plan: reverse("workbench:spotchecks_detail", args=[plan.pk]),
        )
        if done:
            return done
    return render(request, "workbench/spotchecks/form.html", {"form": form})


@never_cache
@staff_required
def plan_detail(request, pk):
    plan = _plan(request, pk)
    may_manage = can(request.user, "spotcheck.manage", plan)
    rows = selectors.drawn_rows(plan, with_results=True) if plan.assignments else []
    for row in rows:
        row["form"] = ResultForm(
            initial={
                "target_id": row["target"].pk,
                "outcome": row["result"].outcome if row["result"] else "",
                "note": row["result"].note if row["result"] else "",
            },
            auto_id=f"t{row['target'].pk}-%s",  # one form per row: ids stay unique
        )
    context = {
        "plan": plan,
        "rows": rows,
        "may_manage": may_manage,
        "counts": selectors.library_counts(plan.agency),
        "clock": open_clock(plan, services.RULE),
        "entered": sum(1 for r in rows if r["result"]),
    }
    return render(request, "workbench/spotchecks/detail.html", context)


@never_cache
@staff_required
@require_POST
def plan_draw(request, pk):
    plan = _plan(request, pk)
    return run_action(
        request,
        lambda: services.draw_plan(actor=request.user, plan=plan),
        success=_("抽取完成，结果已公布；请在20个工作日内录入并公示检查结果。"),
        redirect_to=reverse("workbench:spotchecks_detail", args=[plan.pk]),
    )


@never_cache
@staff_required
@require_POST
def plan_result(request, pk):
    plan = _plan(request, pk)
    form = ResultForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    return run_action(
        request,
        lambda: services.enter_result(
            actor=request.user,
            plan=plan,
            target_id=data.get("target_id", request.POST.get("target_id")),
            outcome=data.get("outcome", request.POST.get("outcome", "")),
            note=data.get("note", request.POST.get("note", "")),
            checked_on=data.get("checked_on"),
        ),
        success=_("已录入检查结果。"),
        redirect_to=reverse("workbench:spotchecks_detail", args=[plan.pk]),
    )


@never_cache
@staff_required
@require_POST
def plan_publish(request, pk):
    plan = _plan(request, pk)
    return run_action(
        request,
        lambda: services.publish_results(actor=request.user, plan=plan),
        success=_("检查结果已向社会公示。"),
        redirect_to=reverse("workbench:spotchecks_detail", args=[plan.pk]),
    )


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def library_import(request, agency_id, kind):
    _require_view(request.user)
    if kind not in LIBRARIES:
        raise Http404
    agency = agencies_for(request.user, "spotcheck.view_staff").filter(pk=agency_id).first()
    if agency is None:
        raise Http404(_("该机关不存在，或不在您的权限范围内。"))
    if not can(request.user, "spotcheck.manage", agency):
        raise PermissionDenied(_("只有本机关的单位管理员或公开办工作人员可以导入名录库。"))
    columns, label = LIBRARIES[kind]
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        done, row_errors = run_import(
            request,
            form,
            lambda: libraries.start_import(
                agency=agency,
                actor=request.user,
                kind=kind,
                uploaded_file=form.cleaned_data["file"],
            ),
            success=lambda result: (
                _("导入完成：新增 %(a)s，修改 %(u)s，未变 %(n)s，移出 %(r)s。")
                % {
                    "a": result.added,
                    "u": result.updated,
                    "n": result.unchanged,
                    "r": result.removed,
                }
            ),
            redirect_to=reverse("workbench:spotchecks_list"),
        )
        if done:
            return done
    entries = (
        selectors.library_targets(agency)
        if kind == "targets"
        else selectors.library_inspectors(agency)
    )
    context = {
        "agency": agency,
        "kind": kind,
        "label": label,
        "form": form,
        "row_errors": row_errors,
        "header": [c.label for c in columns],
        "entries": entries[:500],
        "entry_count": entries.count(),
    }
    return render(request, "workbench/spotchecks/library.html", context)
