"""Staff pages of 重要职权事项: the register of one's agencies (by kind and state), a new item
of a kind, and one page per item with its progress (stages, milestones, spending, the approval
chain of a large spending) and its supervision (cross-checks with the checking unit's sign-off
or return, the expert group, the public's questions). Thin: scoped selectors for reads (404
outside one's agencies), services for writes with run_action; a refused form is shown again on
the item page with the reasons next to its fields (status 400)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.governance.keyitems import crosscheck, experts, selectors, services
from sunshine.governance.keyitems.choices import (
    CrossCheckState,
    KeyItemKind,
    KeyItemState,
    ReviewState,
)
from sunshine.governance.keyitems.config import config_for
from sunshine.governance.powers.choices import PowerKind
from sunshine.governance.powers.selectors import versions_in_force
from sunshine.kernel.access.policy import agencies_for, can
from sunshine.kernel.deadlines.selectors import live_urgency
from sunshine.kernel.orgs.models import Agency

from ..access import may_anywhere, staff_required
from ..actions import run_action
from . import forms as f

PAGE_SIZE = 30
S = KeyItemState


def require_view(user) -> None:
    if not may_anywhere(user, "keyitem.view_staff") and not may_anywhere(
        user, "keyitem.crosscheck"
    ):
        raise PermissionDenied(_("您没有查看重要职权事项的权限。"))


def _item(request, pk):
    require_view(request.user)
    item = selectors.item_for_staff(request.user, pk)
    if item is None:
        raise Http404(_("该事项不存在，或不在您的权限范围内。"))
    return item


def _here(item, anchor: str = "") -> str:
    return reverse("workbench:keyitems_detail", args=[item.pk]) + (f"#{anchor}" if anchor else "")


def _licensing_choices(agencies) -> list:
    versions = versions_in_force().filter(item__agency__in=agencies, item__kind=PowerKind.LICENSING)
    return [(v.item_id, f"{v.item.code} {v.name}（{v.item.agency.name}）") for v in versions]


@never_cache
@staff_required
def item_list(request):
    require_view(request.user)
    kind = request.GET.get("kind", "")
    state = request.GET.get("state", "")
    q = request.GET.get("q", "").strip()
    items = selectors.items_for_staff(request.user, kind=kind, state=state, q=q)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    checks = live_urgency(selectors.checks_for_unit(request.user)[:50])
    context = {
        "page": page,
        "kinds": KeyItemKind.choices,
        "states": S.choices,
        "kind": kind,
        "state": state,
        "q": q,
        "checks": checks,
        "may_create": may_anywhere(request.user, "keyitem.edit"),
        "may_supervise": may_anywhere(request.user, "keyitem.assign_crosscheck"),
    }
    return render(request, "workbench/keyitems/list.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def item_create(request):
    require_view(request.user)
    agencies = agencies_for(request.user, "keyitem.edit").order_by("path")
    if not agencies.exists():
        raise PermissionDenied(_("只有本机关工作人员可以登记重要职权事项。"))
    initial = {"kind": request.GET.get("kind") or KeyItemKind.PROJECT, "agency": agencies.first()}
    form = f.ItemForm(request.POST or None, agencies=agencies,
                      licensing=_licensing_choices(agencies), initial=initial)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        done = run_action(
            request,
            lambda: services.register_item(actor=request.user, **data),
            form=form,
            success=_("已登记。提交后，须交叉审核的事项将送审核单位审核。"),
            redirect_to=lambda item: _here(item),
        )
        if done:
            return done
    kinds = {a.pk: config_for(a).kinds for a in agencies[:1]}
    context = {"form": form, "enabled_kinds": next(iter(kinds.values()), ()), "creating": True}
    return render(
        request, "workbench/keyitems/form.html", context, status=400 if form.errors else 200
    )


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = _item(request, pk)
    if not can(request.user, "keyitem.edit", item):
        raise PermissionDenied(_("只有事项所属机关的工作人员可以修改登记内容。"))
    fields = ["title", "summary", "responsible", "basis", "budget", "planned_start",
              "planned_end", "amount", "purpose", "service_code", "is_public"]  # fmt: skip
    initial = {name: getattr(item, name) for name in fields} | {"power_item_id": item.power_item_id}
    form = f.ItemForm(request.POST or None, agencies=Agency.objects.filter(pk=item.agency_id),
                      licensing=_licensing_choices([item.agency]), initial=initial,
                      fixed_agency=True)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.update_item(actor=request.user, item=item, **form.cleaned_data),
            form=form,
            success=_("已保存。"),
            redirect_to=_here(item),
        )
        if done:
            return done
    context = {"form": form, "item": item, "creating": False, "enabled_kinds": (item.kind,)}
    return render(
        request, "workbench/keyitems/form.html", context, status=400 if form.errors else 200
    )


def _assign_agencies(item):
    own = [*item.agency.ancestors_ids(), item.agency_id]
    return (
        Agency.objects.filter(is_active=True)
        .exclude(pk__in=own)
        .exclude(path__startswith=item.agency.path)
        .order_by("path")
    )


def _render(request, item, *, status=200, **bound):
    user = request.user
    stages = list(item.stages.all())
    checks = selectors.crosschecks_of(item)
    pending = next((c for c in checks if c.state == CrossCheckState.PENDING), None)
    group = selectors.expert_group(item)
    reviews = selectors.reviews_of(item)
    may_edit = can(user, "keyitem.edit", item)
    may_experts = can(user, "keyitem.experts", item)
    may_decide = bool(
        pending
        and can(user, "keyitem.crosscheck", pending)
        and not crosscheck.acts_for_unit(user, item.agency)
    )
    may_assign = can(user, "keyitem.assign_crosscheck", item) and (
        item.state in (S.DRAFT, S.RETURNED)
        or any(c.state == CrossCheckState.UNASSIGNED for c in checks)
    )
    asked = {r.stage_id for r in reviews}
    for r in reviews:  # one opinion form per pending stage review, its ids its own
        r.opinion_form = (
            bound["opinion_form"]
            if bound.get("opinion_review") == r.pk
            else f.OpinionForm(auto_id=f"op{r.pk}_%s")
        )
    members = list(group.members.all()) if group else []

    def form(name, factory):
        return bound.get(name) or factory()

    context = {
        "item": item,
        "progress": selectors.progress(item),
        "stages": stages,
        "milestones": list(item.milestones.select_related("stage")),
        "spendings": list(item.spendings.all()),
        "approvals": list(item.approvals.all()),
        "checks": checks,
        "pending_check": pending,
        "group": group,
        "members": members,
        "reviews": reviews,
        "questions": selectors.questions_for_staff(user).filter(item=item),
        "may_edit": may_edit and item.state != S.COMPLETED,
        "may_register_edit": may_edit and item.state in (S.DRAFT, S.RETURNED),
        "may_submit": may_edit and item.state in (S.DRAFT, S.RETURNED),
        "may_complete": may_edit and item.state == S.IN_PROGRESS,
        "may_decide": may_decide,
        "may_assign": may_assign,
        "may_experts": may_experts,
        "is_spending": item.kind == KeyItemKind.SPENDING,
        "is_project": item.kind == KeyItemKind.PROJECT,
        "stage_form": form("stage_form", f.StageForm),
        "milestone_form": form("milestone_form", lambda: f.MilestoneForm(stages=stages)),
        "spending_form": form("spending_form", f.SpendingForm),
        "approval_form": form("approval_form", f.ApprovalForm),
        "assign_form": form("assign_form", lambda: f.AssignForm(agencies=_assign_agencies(item))),
        "decide_form": form("decide_form", f.DecideForm),
        "member_form": form(
            "member_form",
            lambda: f.MemberForm(experts=selectors.experts_for(item)),
        ),
        "request_form": form(
            "request_form",
            lambda: f.RequestOpinionForm(stages=[s for s in stages if s.pk not in asked]),
        ),
        "final_form": form("final_form", f.FinalForm),
        "state_form": f.StageStateForm(),
        "reach_form": f.ReachForm(),
        "pending_reviews": [r for r in reviews if r.state == ReviewState.PENDING],
    }
    return render(request, "workbench/keyitems/detail.html", context, status=status)


@never_cache
@staff_required
def item_detail(request, pk):
    return _render(request, _item(request, pk))


def _act(request, item, form, call, *, name, success, anchor):
    """Run a form's act on the item page: success redirects to the section, a refusal shows
    the page again with the form and its reasons."""
    if form.is_valid():
        done = run_action(request, lambda: call(form.cleaned_data), form=form, success=success,
                          redirect_to=_here(item, anchor))  # fmt: skip
        if done:
            return done
    return _render(request, item, status=400, **{name: form})


def _button(request, item, call, *, success, anchor=""):
    return run_action(request, call, success=success, redirect_to=_here(item, anchor))


@never_cache
@staff_required
@require_POST
def item_submit(request, pk):
    item = _item(request, pk)
    return _button(
        request,
        item,
        lambda: services.submit_item(actor=request.user, item=item),
        success=lambda it: (
            _("已提交，送%(a)s交叉审核。")
            % {"a": it.crosschecks.last().agency or _("待指派审核单位")}
            if it.state == S.CHECKING
            else _("已提交，事项开始实施。")
        ),
    )


@never_cache
@staff_required
@require_POST
def item_complete(request, pk):
    item = _item(request, pk)
    return _button(request, item, lambda: services.complete_item(actor=request.user, item=item),
                   success=_("事项已办结。"))  # fmt: skip


@never_cache
@staff_required
@require_POST
def item_publish(request, pk):
    item = _item(request, pk)
    public = request.POST.get("is_public") == "1"
    return _button(
        request,
        item,
        lambda: services.set_public(actor=request.user, item=item, is_public=public),
        success=_("已设为向社会公开。") if public else _("已取消公开。"),
    )


@never_cache
@staff_required
@require_POST
def stage_add(request, pk):
    item = _item(request, pk)
    return _act(request, item, f.StageForm(request.POST),
                lambda d: services.add_stage(actor=request.user, item=item, **d),
                name="stage_form", success=_("已增加阶段。"), anchor="progress")  # fmt: skip


@never_cache
@staff_required
@require_POST
def stage_state(request, pk, stage_id):
    item = _item(request, pk)
    stage = next((s for s in item.stages.all() if s.pk == stage_id), None)
    if stage is None:
        raise Http404
    form = f.StageStateForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    return _button(request, item, lambda: services.set_stage_state(
        actor=request.user, stage=stage, state=data.get("state", ""), on=data.get("on")),
        success=_("阶段状态已更新。"), anchor="progress")  # fmt: skip


@never_cache
@staff_required
@require_POST
def milestone_add(request, pk):
    item = _item(request, pk)
    form = f.MilestoneForm(request.POST, stages=list(item.stages.all()))
    return _act(request, item, form,
                lambda d: services.add_milestone(actor=request.user, item=item, **d),
                name="milestone_form", success=_("已增加里程碑。"), anchor="progress")  # fmt: skip


@never_cache
@staff_required
@require_POST
def milestone_reach(request, pk, milestone_id):
    item = _item(request, pk)
    milestone = item.milestones.filter(pk=milestone_id).first()
    if milestone is None:
        raise Http404
    form = f.ReachForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    return _button(request, item, lambda: services.reach_milestone(
        actor=request.user, milestone=milestone, actual_on=data.get("actual_on")),
        success=_("已记录实际完成日期。"), anchor="progress")  # fmt: skip


@never_cache
@staff_required
@require_POST
def spending_add(request, pk):
    item = _item(request, pk)
    return _act(request, item, f.SpendingForm(request.POST),
                lambda d: services.record_spending(actor=request.user, item=item, **d),
                name="spending_form", success=_("已录入资金支出。"), anchor="spending")  # fmt: skip


@never_cache
@staff_required
@require_POST
def approval_add(request, pk):
    item = _item(request, pk)
    return _act(request, item, f.ApprovalForm(request.POST),
                lambda d: services.add_approval(actor=request.user, item=item, **d),
                name="approval_form", success=_("已录入审批环节。"), anchor="approvals")  # fmt: skip


@never_cache
@staff_required
@require_POST
def crosscheck_assign(request, pk):
    item = _item(request, pk)
    form = f.AssignForm(request.POST, agencies=_assign_agencies(item) | Agency.objects.filter(pk__in=[item.agency_id, *item.agency.ancestors_ids()]))  # fmt: skip
    return _act(request, item, form,
                lambda d: crosscheck.assign_crosscheck(actor=request.user, item=item, **d),
                name="assign_form", success=_("已指派交叉审核单位。"), anchor="crosscheck")  # fmt: skip


@never_cache
@staff_required
@require_POST
def crosscheck_decide(request, pk):
    item = _item(request, pk)
    check = item.crosschecks.filter(state=CrossCheckState.PENDING).first()
    if check is None:
        raise Http404(_("该事项没有审核中的交叉审核。"))
    form = f.DecideForm(request.POST)
    if request.POST.get("decision") == "return":
        return _act(request, item, form, lambda d: crosscheck.return_check(
            actor=request.user, check=check, findings=d["findings"], reasons=d["reasons"]),
            name="decide_form", success=_("已退回，理由已通知事项所属单位。"), anchor="crosscheck")  # fmt: skip
    return _act(request, item, form, lambda d: crosscheck.sign_off(
        actor=request.user, check=check, findings=d["findings"]),
        name="decide_form", success=_("审核通过，事项开始实施。"), anchor="crosscheck")  # fmt: skip


@never_cache
@staff_required
@require_POST
def group_form(request, pk):
    item = _item(request, pk)
    return _button(request, item, lambda: experts.form_group(actor=request.user, item=item),
                   success=_("已组建专家组，请从专家库中选择成员。"), anchor="experts")  # fmt: skip


@never_cache
@staff_required
@require_POST
def group_member(request, pk):
    item = _item(request, pk)
    group = selectors.expert_group(item)
    if group is None:
        raise Http404
    form = f.MemberForm(request.POST, experts=selectors.experts())

    def add(d):
        expert = selectors.expert(d["expert"])
        if expert is None:
            from django.core.exceptions import ValidationError

            raise ValidationError({"expert": [_("请选择专家。")]})
        return experts.add_member(actor=request.user, group=group, expert=expert,
                                  is_leader=d["is_leader"])  # fmt: skip

    return _act(request, item, form, add, name="member_form", success=_("已加入专家组。"),
                anchor="experts")  # fmt: skip


@never_cache
@staff_required
@require_POST
def group_request(request, pk):
    item = _item(request, pk)
    group = selectors.expert_group(item)
    if group is None:
        raise Http404
    form = f.RequestOpinionForm(request.POST, stages=list(item.stages.all()))

    def ask(d):
        stage = item.stages.filter(pk=d["stage"] or 0).first()
        if stage is None:
            from django.core.exceptions import ValidationError

            raise ValidationError({"stage": [_("请选择阶段。")]})
        return experts.request_opinion(actor=request.user, group=group, stage=stage)

    return _act(request, item, form, ask, name="request_form",
                success=_("已征求专家组意见，期限已开始计算。"), anchor="experts")  # fmt: skip


@never_cache
@staff_required
@require_POST
def review_opinion(request, pk, review_id):
    item = _item(request, pk)
    review = next((r for r in selectors.reviews_of(item) if r.pk == review_id), None)
    if review is None:
        raise Http404
    form = f.OpinionForm(request.POST, auto_id=f"op{review.pk}_%s")
    if form.is_valid():
        done = run_action(request, lambda: experts.record_opinion(
            actor=request.user, review=review, **form.cleaned_data), form=form,
            success=_("已记录专家组意见。"), redirect_to=_here(item, "experts"))  # fmt: skip
        if done:
            return done
    return _render(request, item, status=400, opinion_form=form, opinion_review=review.pk)


@never_cache
@staff_required
@require_POST
def group_final(request, pk):
    item = _item(request, pk)
    group = selectors.expert_group(item)
    if group is None:
        raise Http404
    return _act(request, item, f.FinalForm(request.POST), lambda d: experts.final_assessment(
        actor=request.user, group=group, **d), name="final_form",
        success=_("已记录专家组最终评估。"), anchor="experts")  # fmt: skip
