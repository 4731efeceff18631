"""Staff pages of 重大行政决策: the list, a new catalog entry, and one page per decision with
its statutory steps (each with its form), the decide / override / publish / withdraw buttons,
execution tasks with progress, and the 决策后评估. Thin: reads through the scoped selectors
(what a user may not see is a 404), writes through the services with `run_action`; a refused
form is shown again on the decision page with the reasons next to its fields (status 400)."""

from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.governance.decisions import (
    execution,
    exports,
    selectors,
    services,
    steps,
    transitions,
)
from sunshine.governance.decisions.choices import DecisionState, StepKind, StepState
from sunshine.governance.decisions.levels import level_label
from sunshine.kernel.access.policy import agencies_for, can, can_anywhere
from sunshine.kernel.orgs.selectors import agency_choices

from ..access import may_anywhere, staff_required
from ..actions import run_action
from . import forms as f

PAGE_SIZE = 30
K = StepKind


def may_view(user) -> bool:
    return may_anywhere(user, "decision.view_staff")


def _decision(request, pk):
    if not may_view(request.user):
        raise PermissionDenied(_("您没有查看重大行政决策的权限。"))
    decision = selectors.decision_for_staff(request.user, pk)
    if decision is None:
        raise Http404(_("该决策事项不存在，或不在您的权限范围内。"))
    return decision


def _here(decision) -> str:
    return reverse("workbench:decisions_detail", args=[decision.pk])


@never_cache
@staff_required
def decision_list(request):
    if not may_view(request.user):
        raise PermissionDenied(_("您没有查看重大行政决策的权限。"))
    state = request.GET.get("state", "")
    state = state if state in DecisionState.values else ""
    q = request.GET.get("q", "").strip()
    items = selectors.staff_decisions(request.user, state=state or None, q=q or None)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    for item in page.object_list:
        item.level_name = level_label(item.level)
    context = {
        "page": page,
        "state": state,
        "q": q,
        "states": DecisionState.choices,
        "may_create": can_anywhere(request.user, "decision.manage"),
    }
    return render(request, "workbench/decisions/list.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def create(request):
    agencies = agencies_for(request.user, "decision.manage")
    if not agencies.exists():
        raise PermissionDenied(_("只有承办人员、签发人员和单位管理员可以新增决策事项。"))
    form = f.DecisionForm(
        request.POST or None,
        agencies=agencies,
        lead_agencies=agency_choices(),
        initial={"agency": request.user.agency_id, "lead_agency": request.user.agency_id},
    )
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.create_decision(actor=request.user, **form.cleaned_data),
            form=form,
            success=_("已列入决策事项目录。"),
            redirect_to=lambda decision: _here(decision),
        )
        if done:
            return done
    return render(request, "workbench/decisions/form.html", {"form": form})


# --- The decision page -----------------------------------------------------------------------


def ids(name: str) -> str:
    """The `auto_id` of a form on the decision page: its fields' ids start with `name`, so the
    many forms on one page (each step's, each task's progress, …) never share an id and each
    label names its own field."""
    return f"{name}-%s"


def _step_form(step, user, decision, bound=None):
    """The form of a step the user may act on now (None: nothing to do)."""
    if decision.state != DecisionState.DRAFTING:
        return None
    auto_id = ids(step.kind)
    if step.kind == K.LEGALITY and step.state == StepState.IN_REVIEW:
        if not can(user, "decision.legal_review", step):
            return None
        return bound or f.LegalityOpinionForm(auto_id=auto_id)
    if step.state == StepState.DONE or not can(user, "decision.manage", decision):
        return None
    if step.kind == K.LEGALITY:
        offices = agency_choices()
        return bound or f.LegalityRequestForm(offices=offices, auto_id=auto_id)
    if step.kind == K.PARTICIPATION:
        candidates = steps.participation_candidates(decision)
        return bound or f.ParticipationForm(candidates=candidates, auto_id=auto_id)
    return bound or STEP_FORMS[step.kind](auto_id=auto_id)


def _render(request, decision, *, bound_kind=None, bound=None, status=200, **forms):
    dossier = selectors.dossier(decision)
    for view in dossier.steps:
        view.form = _step_form(
            view.step, request.user, decision, bound if view.kind == bound_kind else None
        )
    actions = {a.name: a for a in selectors.decision_actions(decision, request.user)}
    manage = can(request.user, "decision.manage", decision)
    for task in dossier.tasks:
        task.progress_form = f.ProgressForm(auto_id=ids(f"progress{task.pk}"))
    context = {
        "decision": decision,
        "dossier": dossier,
        "level_name": level_label(decision.level),
        "actions": actions,
        "may_override": can(request.user, "decision.override", decision),
        "decide_form": forms.get("decide_form") or f.DecideForm(auto_id=ids("decide")),
        "publish_form": forms.get("publish_form") or f.PublishForm(auto_id=ids("publish")),
        "withdraw_form": forms.get("withdraw_form") or f.WithdrawForm(auto_id=ids("withdraw")),
        "manage": manage,
        "executing": manage and decision.state in execution.EXECUTABLE,
        "task_form": forms.get("task_form")
        or f.TaskForm(agencies=agency_choices(), auto_id=ids("task")),
        "evaluation_form": forms.get("evaluation_form")
        or f.EvaluationForm(auto_id=ids("evaluation")),
        "history": selectors.decision_history(decision),
        "may_publish_catalog": decision.catalog_id
        and not decision.catalog.published_at
        and can(request.user, "decision.publish", decision.catalog),
        "adjust_form": forms.get("adjust_form") or _adjust_form(decision),
        "remove_form": forms.get("remove_form") or f.RemoveForm(auto_id=ids("remove")),
    }
    return render(request, "workbench/decisions/detail.html", context, status=status)


def _adjust_form(decision, data=None):
    initial = {name: getattr(decision, name) for name in services.ADJUSTABLE}
    return f.AdjustForm(
        data, initial=initial, lead_agencies=agency_choices(), auto_id=ids("adjust")
    )


def _act(request, decision, form, call, *, success, shown_as: dict, always=False, aliases=None):
    """The one way a form on the decision page is handled: validate `form`, run
    `call(cleaned_data)` (a service) through run_action — success: a message and back to the
    page; refused or invalid: the page again (400) with the form bound where it was
    (`shown_as`: _render's keyword for it). `always`: the service is called with what the form
    could clean even when it is not valid (it gives the same messages, with its own rules)."""
    if form.is_valid() or always:
        done = run_action(
            request,
            lambda: call(form.cleaned_data),
            form=form,
            success=success,
            redirect_to=_here(decision),
            aliases=aliases,
        )
        if done:
            return done
    return _render(request, decision, status=400, **shown_as)


@never_cache
@staff_required
def detail(request, pk):
    return _render(request, _decision(request, pk))


STEP_FORMS = {
    K.PARTICIPATION: f.ParticipationForm,
    K.EXPERTS: f.ExpertForm,
    K.RISK: f.RiskForm,
    K.COLLECTIVE: f.CollectiveForm,
}
STEP_SERVICES = {
    K.PARTICIPATION: steps.record_participation,
    K.EXPERTS: steps.record_expert_review,
    K.RISK: steps.record_risk_assessment,
    K.COLLECTIVE: steps.record_collective_discussion,
}


@never_cache
@staff_required
@require_POST
def step(request, pk, kind):
    decision = _decision(request, pk)
    found = next((s for s in decision.steps.all() if s.kind == kind), None)
    if found is None:
        raise Http404(_("该决策的层级不要求此程序。"))
    aliases, auto_id = None, ids(kind)
    if kind == K.LEGALITY and found.state == StepState.IN_REVIEW:
        form = f.LegalityOpinionForm(request.POST, auto_id=auto_id)
        service = steps.record_legality_opinion
    elif kind == K.LEGALITY:
        form = f.LegalityRequestForm(request.POST, offices=agency_choices(), auto_id=auto_id)
        service = steps.request_legality_review
    elif kind == K.PARTICIPATION:
        candidates = steps.participation_candidates(decision)
        form = f.ParticipationForm(request.POST, candidates=candidates, auto_id=auto_id)
        service, aliases = STEP_SERVICES[kind], f.PARTICIPATION_ALIASES
    else:
        form, service = STEP_FORMS[kind](request.POST, auto_id=auto_id), STEP_SERVICES[kind]
    return _act(
        request,
        decision,
        form,
        lambda data: service(actor=request.user, decision=decision, **data),
        success=_("已记录“%(step)s”。") % {"step": found.get_kind_display()},
        shown_as={"bound_kind": kind, "bound": form},
        aliases=aliases,
    )


TRANSITION_FORMS = {"decide": f.DecideForm, "publish": f.PublishForm, "withdraw": f.WithdrawForm}


@never_cache
@staff_required
@require_POST
def transition(request, pk, name):
    decision = _decision(request, pk)
    if name not in transitions.NAMES:
        raise Http404(_("没有这个办理环节：%(name)s。") % {"name": name})
    form = TRANSITION_FORMS[name](request.POST, auto_id=ids(name))
    return _act(
        request,
        decision,
        form,
        lambda data: transitions.apply_transition(decision, name, actor=request.user, data=data),
        success=lambda label: _("已办理：%(label)s。") % {"label": label},
        shown_as={f"{name}_form": form},
        always=True,
    )


@never_cache
@staff_required
@require_POST
def add_task(request, pk):
    decision = _decision(request, pk)
    form = f.TaskForm(request.POST, agencies=agency_choices(), auto_id=ids("task"))
    return _act(
        request,
        decision,
        form,
        lambda data: execution.add_task(actor=request.user, decision=decision, **data),
        success=_("已添加执行任务。"),
        shown_as={"task_form": form},
    )


@never_cache
@staff_required
@require_POST
def progress(request, task_pk):
    task = selectors.task_for_staff(request.user, task_pk)
    if task is None:
        raise Http404(_("该执行任务不存在，或不在您的权限范围内。"))
    form = f.ProgressForm(request.POST)
    target = _here(task.decision)
    if not form.is_valid():
        # A number out of range or no status: the service gives the same messages.
        data = {k: request.POST.get(k, "") for k in ("percent", "status", "note", "evidence")}
    else:
        data = form.cleaned_data
    return run_action(
        request,
        lambda: execution.report_progress(actor=request.user, task=task, **data),
        success=_("已报告执行进展。"),
        redirect_to=target,
    )


@never_cache
@staff_required
@require_POST
def evaluate(request, pk):
    decision = _decision(request, pk)
    form = f.EvaluationForm(request.POST, auto_id=ids("evaluation"))
    return _act(
        request,
        decision,
        form,
        lambda data: execution.record_evaluation(
            actor=request.user, decision=decision, report=data.get("report", "")
        ),
        success=_("已记录决策后评估。"),
        shown_as={"evaluation_form": form},
        always=True,
    )


# --- 决策事项目录 -------------------------------------------------------------------------------


@never_cache
@staff_required
@require_POST
def adjust(request, pk):
    decision = _decision(request, pk)
    form = _adjust_form(decision, request.POST)

    def adjust(data):
        data = dict(data)
        reason = data.pop("reason")
        return services.adjust_decision(
            actor=request.user, decision=decision, reason=reason, **data
        )

    return _act(
        request,
        decision,
        form,
        adjust,
        success=_("已调整决策事项。"),
        shown_as={"adjust_form": form},
    )


@never_cache
@staff_required
@require_POST
def remove(request, pk):
    decision = _decision(request, pk)
    form = f.RemoveForm(request.POST, auto_id=ids("remove"))
    return _act(
        request,
        decision,
        form,
        lambda data: services.remove_from_catalog(
            actor=request.user, decision=decision, reason=data.get("reason", "")
        ),
        success=_("已移出决策事项目录。"),
        shown_as={"remove_form": form},
        always=True,
    )


@never_cache
@staff_required
@require_POST
def publish_catalog(request, pk):
    decision = _decision(request, pk)
    if decision.catalog is None:
        raise Http404(_("该事项不在任何目录中。"))
    return run_action(
        request,
        lambda: services.publish_catalog(actor=request.user, catalog=decision.catalog),
        success=_("已公布决策事项目录。"),
        redirect_to=_here(decision),
    )


# --- The catalogs (目录) of the user's agencies ---------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@never_cache
@staff_required
def catalogs(request):
    """The 决策事项目录 of the user's agencies by year: entries, published or not, the XLSX
    (also before publication, to check it), publication where the user may."""
    if not may_view(request.user):
        raise PermissionDenied(_("您没有查看重大行政决策的权限。"))
    items = list(selectors.staff_catalogs(request.user)[:200])
    for c in items:
        c.may_publish = not c.published_at and can(request.user, "decision.publish", c)
    return render(request, "workbench/decisions/catalogs.html", {"catalogs": items})


def _staff_catalog(request, pk):
    if not may_view(request.user):
        raise PermissionDenied(_("您没有查看重大行政决策的权限。"))
    found = selectors.catalog_for_staff(request.user, pk)
    if found is None:
        raise Http404(_("该决策事项目录不存在，或不在您的权限范围内。"))
    return found


@never_cache
@staff_required
def catalog_xlsx(request, pk):
    found = _staff_catalog(request, pk)
    response = HttpResponse(exports.catalog_xlsx(found), content_type=XLSX)
    name = quote(exports.catalog_filename(found))
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


@never_cache
@staff_required
@require_POST
def catalog_publish(request, pk):
    found = _staff_catalog(request, pk)
    return run_action(
        request,
        lambda: services.publish_catalog(actor=request.user, catalog=found),
        success=_("已公布决策事项目录。"),
        redirect_to=reverse("workbench:decisions_catalogs"),
    )
