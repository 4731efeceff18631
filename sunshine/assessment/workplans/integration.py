"""What work plans offer kernel/duban (督办, the general office's 督查 follow-up): a plan (late
or missing) and a plan task (overdue), listed in the feature manifest."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.duban.registry import Supervisable


def _plan_url(plan) -> str:
    try:
        return reverse("workbench:workplans_plan", args=[plan.pk])
    except NoReverseMatch:
        return ""


def _task_url(task) -> str:
    try:
        return reverse("workbench:workplans_plan", args=[task.plan_id]) + f"#task-{task.pk}"
    except NoReverseMatch:
        return ""


PLAN = Supervisable(
    kind="workplan",
    model="workplans.WorkPlan",
    title=lambda p: f"{p.agency.name}{p.round.year}年度政务公开工作计划",
    url=_plan_url,
    agency=lambda p: p.agency,
    label=_("年度工作计划"),
)
TASK = Supervisable(
    kind="workplan_task",
    model="workplans.PlanTask",
    title=lambda t: t.title,
    url=_task_url,
    agency=lambda t: t.agency,
    label=_("工作计划任务"),
)
