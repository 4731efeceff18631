"""Staff pages of 政务公开工作计划: the rounds (the general office opens one a year), a round's
overview (submitted / late / missing per agency, tasks overdue, open 督办 — each agency's
staff see only their own row), and an agency's plan (document, tasks with owners and due
dates, submission, task completion). 督查 follow-up is the kernel 督办 page
(/workbench/oversight/new/?kind=workplan|workplan_task&id=…), linked from the overview. Thin:
scoped selectors for reads (404 outside one's agency), services for writes via `run_action`."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.assessment.workplans import selectors, services
from sunshine.assessment.workplans.choices import PlanState, TaskState
from sunshine.kernel import clock
from sunshine.kernel.access.policy import can
from sunshine.kernel.files.selectors import attachments_for

from ..access import may_anywhere, staff_required
from ..actions import run_action
from . import forms


def _require_view(user) -> None:
    if not may_anywhere(user, "workplans.view"):
        raise PermissionDenied(_("您没有查看工作计划的权限。"))


def _may_manage(user) -> bool:
    return can(user, "workplans.manage_round", None)


def duban_url(kind: str, pk: int) -> str:
    return reverse("workbench:oversight_new") + "?" + urlencode({"kind": kind, "id": pk})


@never_cache
@staff_required
def index(request):
    _require_view(request.user)
    manage = _may_manage(request.user)
    context = {
        "rounds": selectors.rounds(),
        "may_manage": manage,
        "plans": [] if manage else selectors.plans_for_staff(request.user),
        "my_tasks": selectors.my_tasks(request.user),
    }
    return render(request, "workbench/workplans/index.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def round_create(request):
    if not _may_manage(request.user):
        raise PermissionDenied(_("年度工作计划的报送由省政府办公厅组织。"))
    agencies = services.default_agencies().order_by("path")
    today = clock.today()
    form = forms.RoundForm(
        request.POST or None,
        agencies=agencies,
        initial={"year": today.year + 1, "agencies": list(agencies)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            lambda: services.open_round(
                actor=request.user,
                year=data["year"],
                title=data["title"],
                due_date=data["due_date"],
                note=data["note"],
                agencies=data["agencies"] or None,
            ),
            form=form,
            success=_("已发起报送，各机关已收到通知。"),
            redirect_to=lambda r: reverse("workbench:workplans_round", args=[r.pk]),
        )
        if done:
            return done
    return render(request, "workbench/workplans/round_form.html", {"form": form})


@never_cache
@staff_required
def round_detail(request, pk):
    _require_view(request.user)
    round_ = selectors.round_by_pk(pk)
    if round_ is None:
        raise Http404(_("该年度报送不存在。"))
    data = selectors.overview(request.user, round_)
    manage = _may_manage(request.user)
    rows = [
        {
            "row": row,
            "duban": duban_url("workplan", row.plan.pk)
            if manage and row.status in ("late", "missing")
            else "",
        }
        for row in data["rows"]
    ]
    overdue = [
        {"task": t, "duban": duban_url("workplan_task", t.pk) if manage else ""}
        for t in selectors.overdue_tasks(request.user, round_)
    ]
    context = {
        "round": round_,
        "rows": rows,
        "totals": data["totals"],
        "overdue": overdue,
        "may_manage": manage,
    }
    return render(request, "workbench/workplans/round.html", context)


@never_cache
@staff_required
@require_POST
def round_remind(request, pk):
    round_ = selectors.round_by_pk(pk)
    if round_ is None:
        raise Http404(_("该年度报送不存在。"))
    return run_action(
        request,
        lambda: services.remind(actor=request.user, round_=round_),
        success=lambda n: _("已向 %(n)s 个未报送机关发出催报。") % {"n": n},
        redirect_to=reverse("workbench:workplans_round", args=[round_.pk]),
    )


def _plan(request, pk):
    _require_view(request.user)
    plan = selectors.plan_for_staff(request.user, pk)
    if plan is None:
        raise Http404(_("该工作计划不存在，或不在您的权限范围内。"))
    return plan


def _plan_page(request, plan, *, forms_=None, status=200):
    from sunshine.kernel.accounts.models import User

    user = request.user
    may_edit = can(user, "workplans.edit", plan)
    people = User.objects.filter(agency=plan.agency, kind=User.Kind.STAFF, is_active=True).order_by(
        "display_name", "pk"
    )
    given = forms_ or {}
    tasks = []
    for task in selectors.tasks_of(plan):
        may_done = task.state == TaskState.OPEN and can(user, "workplans.task_done", task)
        tasks.append(
            {
                "task": task,
                "overdue": selectors.is_overdue(task),
                "done_form": (given.get(("done", task.pk)) or forms.DoneForm(prefix=f"t{task.pk}"))
                if may_done
                else None,
                "orders": selectors.orders_of(task),
            }
        )
    context = {
        "plan": plan,
        "status": selectors.status_of(plan),
        "documents": attachments_for(plan),
        "tasks": tasks,
        "orders": selectors.orders_of(plan),
        "may_edit": may_edit,
        "pending": plan.state == PlanState.PENDING,
        "document_form": given.get("document") or forms.DocumentForm(),
        "task_form": given.get("task") or forms.TaskForm(people=people),
        "submit_form": given.get("submit") or forms.SubmitForm(),
        "may_manage": _may_manage(user),
        "duban": duban_url("workplan", plan.pk),
    }
    return render(request, "workbench/workplans/plan.html", context, status=status)


@never_cache
@staff_required
def plan_detail(request, pk):
    return _plan_page(request, _plan(request, pk))


@never_cache
@staff_required
@require_POST
def plan_act(request, pk, act):
    from sunshine.kernel.accounts.models import User

    plan = _plan(request, pk)
    here = reverse("workbench:workplans_plan", args=[plan.pk])
    if act == "document":
        form = forms.DocumentForm(request.POST, request.FILES)
        call = lambda: services.attach_document(  # noqa: E731
            actor=request.user, plan=plan, uploaded_file=form.cleaned_data["document"]
        )
        success, aliases = _("已上传计划文件。"), {"uploaded_file": "document"}
    elif act == "task":
        people = User.objects.filter(agency=plan.agency, kind=User.Kind.STAFF, is_active=True)
        form = forms.TaskForm(request.POST, people=people)
        call = lambda: services.add_task(  # noqa: E731
            actor=request.user, plan=plan, **form.cleaned_data
        )
        success, aliases = _("已添加任务。"), None
    elif act == "submit":
        form = forms.SubmitForm(request.POST)
        call = lambda: services.submit_plan(  # noqa: E731
            actor=request.user, plan=plan, summary=form.cleaned_data["summary"]
        )
        success, aliases = _("已报送。"), None
    else:
        raise Http404
    if form.is_valid():
        done = run_action(
            request, call, form=form, success=success, redirect_to=here, aliases=aliases
        )
        if done:
            return done
    return _plan_page(request, plan, forms_={act: form}, status=422)


@never_cache
@staff_required
@require_POST
def task_done(request, pk):
    _require_view(request.user)
    task = selectors.task_for_staff(request.user, pk)
    if task is None:
        raise Http404(_("该任务不存在，或不在您的权限范围内。"))
    form = forms.DoneForm(request.POST, prefix=f"t{task.pk}")
    here = reverse("workbench:workplans_plan", args=[task.plan_id]) + f"#task-{task.pk}"
    if form.is_valid():
        done = run_action(
            request,
            lambda: services.complete_task(
                actor=request.user, task=task, result=form.cleaned_data["result"]
            ),
            form=form,
            success=_("已记录完成情况。"),
            redirect_to=here,
        )
        if done:
            return done
    plan = selectors.plan_for_staff(request.user, task.plan_id) or task.plan
    return _plan_page(request, plan, forms_={("done", task.pk): form}, status=422)
