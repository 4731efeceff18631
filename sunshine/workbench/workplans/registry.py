"""What 工作计划 adds to the workbench queue: the plans one's agency still has to submit (by
their due date) and the open tasks one owns (by their 完成期限)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.assessment.workplans import selectors

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def workplan_tasks(user, limit: int) -> list[QueueItem]:
    items = []
    if may_anywhere(user, "workplans.edit"):
        pending = selectors.plans_for_staff(user).filter(state="pending")
        for plan in pending.order_by("clock__due_at")[:limit]:
            if not selectors_may_edit(user, plan):
                continue
            items.append(
                QueueItem(
                    title=f"{plan.round.title}（{plan.agency.short_name or plan.agency.name}）",
                    url=reverse("workbench:workplans_plan", args=[plan.pk]),
                    due=plan.clock.due_at if plan.clock_id else None,
                    label=_("报送工作计划"),
                )
            )
    for task in selectors.my_tasks(user).order_by("due_date")[:limit]:
        items.append(
            QueueItem(
                title=task.title,
                url=task.get_absolute_url(),
                due=task.clock.due_at if task.clock_id else task.due_date,
                label=_("工作计划任务"),
            )
        )
    return items[:limit]


def selectors_may_edit(user, plan) -> bool:
    from sunshine.kernel.access.policy import can

    return can(user, "workplans.edit", plan)


def register() -> None:
    register_queue_provider("workplans", workplan_tasks)
