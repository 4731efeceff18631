"""政务公开工作计划 for staff with a token: a round's overview (the caller's agencies only,
unless a general-office supervisor), an agency's plan with its tasks, adding a task,
submitting (the document is uploaded on the workbench) and reporting a task done — the same
services as the workbench."""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema

from sunshine.assessment.workplans import selectors, services
from sunshine.kernel.files.selectors import attachments_for

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound

router = Router(tags=["workplans"])


class WorkplansRow(Schema):
    plan_id: int
    agency_id: int
    agency_name: str
    status: str
    status_label: str
    submitted_at: dt.datetime | None
    tasks: int
    done: int
    overdue: int
    open_orders: int


class WorkplansOverviewOut(Schema):
    round_id: int
    year: int
    title: str
    due_date: dt.date
    effective_due: dt.date
    totals: dict[str, int]
    rows: list[WorkplansRow]


class WorkplansTaskOut(Schema):
    id: int
    title: str
    owner_id: int
    owner_name: str
    due_date: dt.date
    state: str
    overdue: bool
    result: str


class WorkplansPlanOut(Schema):
    id: int
    round_id: int
    year: int
    agency_id: int
    agency_name: str
    state: str
    status: str
    late: bool
    summary: str
    submitted_at: dt.datetime | None
    documents: list[str]
    tasks: list[WorkplansTaskOut]


class WorkplansTaskIn(Schema):
    title: str
    owner_id: int
    due_date: str


class WorkplansSubmitIn(Schema):
    summary: str = ""


class WorkplansDoneIn(Schema):
    result: str


def _plan_out(plan) -> dict:
    return {
        "id": plan.pk,
        "round_id": plan.round_id,
        "year": plan.round.year,
        "agency_id": plan.agency_id,
        "agency_name": plan.agency.name,
        "state": plan.state,
        "status": selectors.status_of(plan),
        "late": plan.late,
        "summary": plan.summary,
        "submitted_at": plan.submitted_at,
        "documents": [a.original_name for a in attachments_for(plan)],
        "tasks": [
            {
                "id": t.pk,
                "title": t.title,
                "owner_id": t.owner_id,
                "owner_name": str(t.owner),
                "due_date": t.due_date,
                "state": t.state,
                "overdue": selectors.is_overdue(t),
                "result": t.result,
            }
            for t in selectors.tasks_of(plan)
        ],
    }


@router.get(
    "/rounds/{int:round_id}/overview",
    auth=staff_token,
    response=WorkplansOverviewOut,
    summary="年度工作计划报送情况",
)
def round_overview(request, round_id: int):
    round_ = selectors.round_by_pk(round_id)
    if round_ is None:
        raise NotFound(_("该年度报送不存在。"))
    data = selectors.overview(request.auth, round_)
    return {
        "round_id": round_.pk,
        "year": round_.year,
        "title": round_.title,
        "due_date": round_.due_date,
        "effective_due": round_.effective_due,
        "totals": data["totals"],
        "rows": [
            {
                "plan_id": r.plan.pk,
                "agency_id": r.plan.agency_id,
                "agency_name": r.plan.agency.name,
                "status": r.status,
                "status_label": r.status_label,
                "submitted_at": r.plan.submitted_at,
                "tasks": r.tasks,
                "done": r.done,
                "overdue": r.overdue,
                "open_orders": r.open_orders,
            }
            for r in data["rows"]
        ],
    }


_plan = StaffLookup(
    selectors.plan_for_staff, gettext_lazy("该工作计划不存在，或不在您的权限范围内。")
)


@router.get("/plans/{int:plan_id}", auth=staff_token, response=WorkplansPlanOut, summary="工作计划")
def get_plan(request, plan_id: int):
    return _plan_out(_plan(request, plan_id))


@router.post(
    "/plans/{int:plan_id}/tasks", auth=staff_token, response=WorkplansPlanOut, summary="添加任务"
)
def add_task(request, plan_id: int, payload: WorkplansTaskIn):
    from sunshine.kernel.accounts.models import User

    def perform(plan):
        owner = User.objects.filter(pk=payload.owner_id).select_related("agency").first()
        return services.add_task(
            actor=request.auth,
            plan=plan,
            title=payload.title,
            owner=owner,
            due_date=payload.due_date,
        )

    return _plan_out(_plan.act(request, plan_id, perform))


@router.post(
    "/plans/{int:plan_id}/submit",
    auth=staff_token,
    response=WorkplansPlanOut,
    summary="报送工作计划",
)
def submit_plan(request, plan_id: int, payload: WorkplansSubmitIn):
    return _plan_out(
        _plan.act(
            request,
            plan_id,
            lambda plan: services.submit_plan(
                actor=request.auth, plan=plan, summary=payload.summary
            ),
        )
    )


_task = StaffLookup(selectors.task_for_staff, gettext_lazy("该任务不存在，或不在您的权限范围内。"))


@router.post(
    "/tasks/{int:task_id}/done", auth=staff_token, response=WorkplansPlanOut, summary="任务完成"
)
def task_done(request, task_id: int, payload: WorkplansDoneIn):
    task = _task.act(
        request,
        task_id,
        lambda t: services.complete_task(actor=request.auth, task=t, result=payload.result),
    )
    return _plan_out(task.plan)
