"""What briefings add to the workbench: the queue (record held, publish
the transcript)."""

from django.urls import reverse

from sunshine.kernel.access.policy import can_anywhere
from sunshine.participation.briefings.selectors import briefings_needing_action, next_step_label

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    return may_anywhere(user, "briefing.view_staff")


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
    register_queue_provider("briefings", briefing_tasks)
