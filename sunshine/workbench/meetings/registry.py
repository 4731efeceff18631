"""What meetings add to the workbench: the queue (to draw, to mark held,
minutes to publish)."""

from django.urls import reverse

from sunshine.kernel.access.policy import can_anywhere
from sunshine.participation.meetings.selectors import meetings_needing_action, next_step_label

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    return may_anywhere(user, "meeting.view_staff")


def meeting_tasks(user, limit: int) -> list[QueueItem]:
    if not can_anywhere(user, "meeting.manage"):
        return []
    items = (
        meetings_needing_action(user)
        .select_related(None)
        .only("pk", "title", "state", "starts_at")[:limit]
    )
    return [
        QueueItem(
            title=m.title,
            url=reverse("workbench:meetings_detail", args=[m.pk]),
            due=m.starts_at,
            label=str(next_step_label(m)),
        )
        for m in items
    ]


def register() -> None:
    register_queue_provider("meetings", meeting_tasks)
