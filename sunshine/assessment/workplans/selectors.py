"""Reads of 政务公开工作计划, scoped by the kernel access policy ("workplans.view": an agency's
staff see their agency's plans and tasks; the general office's supervisors see every agency).

The overview of a round (`overview`) gives, per agency: the plan's status — 按时报送, 逾期报送
(submitted after the clock's due time), 逾期未报 (not submitted and the clock is overdue),
待报送 — the due date, the tasks (total, done, overdue: open with their clock's due time
passed) and the open 督办 orders on the plan and its tasks (kernel duban)."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from sunshine.kernel import clock
from sunshine.kernel.access.policy import can, scope

from .choices import PlanState, PlanStatus, TaskState
from .models import PlanRound, PlanTask, WorkPlan


def rounds() -> QuerySet[PlanRound]:
    return PlanRound.objects.all()


def round_by_pk(pk) -> PlanRound | None:
    return PlanRound.objects.filter(pk=pk).first()


def plans_for_staff(user, round_: PlanRound | None = None) -> QuerySet[WorkPlan]:
    rows = scope(user, "workplans.view", WorkPlan.objects.all())
    if round_ is not None:
        rows = rows.filter(round=round_)
    return rows.select_related("round", "agency", "clock", "submitted_by")


def plan_for_staff(user, pk) -> WorkPlan | None:
    return plans_for_staff(user).filter(pk=pk).first()


def tasks_of(plan: WorkPlan) -> QuerySet[PlanTask]:
    return plan.tasks.select_related("owner", "clock", "done_by").order_by("due_date", "pk")


def task_for_staff(user, pk) -> PlanTask | None:
    task = PlanTask.objects.select_related("plan", "agency", "owner", "clock").filter(pk=pk).first()
    if task is None:
        return None
    if not (can(user, "workplans.view", task) or task.owner_id == user.pk):
        return None
    return task


def my_tasks(user) -> QuerySet[PlanTask]:
    """Open tasks the user owns (their workbench queue)."""
    return PlanTask.objects.filter(owner=user, state=TaskState.OPEN).select_related(
        "plan__round", "clock"
    )


def is_overdue(task: PlanTask, at: dt.datetime | None = None) -> bool:
    at = at or clock.now()
    return task.state == TaskState.OPEN and task.clock_id is not None and task.clock.due_at < at


def status_of(plan: WorkPlan, at: dt.datetime | None = None) -> str:
    at = at or clock.now()
    if plan.state == PlanState.SUBMITTED:
        return PlanStatus.LATE if plan.late else PlanStatus.ON_TIME
    if plan.clock_id is not None and plan.clock.due_at < at:
        return PlanStatus.MISSING
    return PlanStatus.WAITING


@dataclass(frozen=True)
class OverviewRow:
    plan: WorkPlan
    status: str
    tasks: int
    done: int
    overdue: int
    open_orders: int

    @property
    def status_label(self) -> str:
        return str(PlanStatus(self.status).label)


def _open_orders(plan_ids: list[int]) -> dict[int, int]:
    from sunshine.kernel.duban.models import SupervisionOrder

    plan_type = ContentType.objects.get_for_model(WorkPlan)
    task_type = ContentType.objects.get_for_model(PlanTask)
    counts: dict[int, int] = {}
    live = SupervisionOrder.objects.exclude(state=SupervisionOrder.State.CLOSED)
    for row in (
        live.filter(content_type=plan_type, object_id__in=plan_ids)
        .values("object_id")
        .annotate(n=Count("pk"))
    ):
        counts[row["object_id"]] = counts.get(row["object_id"], 0) + row["n"]
    task_plan = dict(PlanTask.objects.filter(plan_id__in=plan_ids).values_list("pk", "plan_id"))
    for row in (
        live.filter(content_type=task_type, object_id__in=list(task_plan))
        .values("object_id")
        .annotate(n=Count("pk"))
    ):
        plan_id = task_plan[row["object_id"]]
        counts[plan_id] = counts.get(plan_id, 0) + row["n"]
    return counts


def overview(user, round_: PlanRound, at: dt.datetime | None = None) -> dict:
    """{"rows": [OverviewRow], "totals": {status: n, "tasks_overdue": n, "agencies": n}}."""
    at = at or clock.now()
    plans = list(
        plans_for_staff(user, round_)
        .annotate(
            n_tasks=Count("tasks", distinct=True),
            n_done=Count("tasks", filter=Q(tasks__state=TaskState.DONE), distinct=True),
            n_overdue=Count(
                "tasks",
                filter=Q(tasks__state=TaskState.OPEN, tasks__clock__due_at__lt=at),
                distinct=True,
            ),
        )
        .order_by("agency__path")
    )
    orders = _open_orders([p.pk for p in plans])
    rows = [
        OverviewRow(
            plan=p,
            status=status_of(p, at),
            tasks=p.n_tasks,
            done=p.n_done,
            overdue=p.n_overdue,
            open_orders=orders.get(p.pk, 0),
        )
        for p in plans
    ]
    totals = {s: sum(1 for r in rows if r.status == s) for s in PlanStatus.values}
    totals["agencies"] = len(rows)
    totals["tasks_overdue"] = sum(r.overdue for r in rows)
    return {"rows": rows, "totals": totals}


def overdue_tasks(user, round_: PlanRound, at: dt.datetime | None = None) -> QuerySet[PlanTask]:
    at = at or clock.now()
    return (
        scope(user, "workplans.view", PlanTask.objects.filter(plan__round=round_))
        .filter(state=TaskState.OPEN, clock__due_at__lt=at)
        .select_related("agency", "owner", "clock", "plan")
        .order_by("clock__due_at", "pk")
    )


def orders_of(target):
    from sunshine.kernel.duban.selectors import orders_for

    return orders_for(target)
