"""What briefings add to the workbench: the menu entry and the queue (record held, publish
the transcript)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from sunshine.kernel.access.policy import can_anywhere
from sunshine.participation.briefings.selectors import briefings_needing_action, next_step_label

from ..menu import register_menu_item
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    cached = getattr(user, "_workbench_may_view_briefings", None)
    if cached is None:
        cached = user.is_authenticated and can_anywhere(user, "briefing.view_staff")
        user._workbench_may_view_briefings = cached
    return cached


def briefing_tasks(user, limit: int) -> list[QueueItem]:
    if not can_anywhere(user, "briefing.manage"):
        return []
    items = briefings_needing_action(user).only("pk", "title", "state", "scheduled_at")[:limit]
    return [
        QueueItem(
            title=b.title,
            url=reverse("workbench:briefings_detail", args=[b.pk]),
            due=b.scheduled_at,
            label=str(next_step_label(b)),
        )
        for b in items
    ]


def register() -> None:
    register_menu_item(
        "briefings",
        label=gettext_lazy("新闻发布会"),
        url="workbench:briefings_list",
        order=47,
        visible=may_view,
    )
    register_queue_provider("briefings", briefing_tasks)
