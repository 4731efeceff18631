"""What meetings add to the workbench: the menu entry and the queue (to draw, to mark held,
minutes to publish)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from sunshine.kernel.access.policy import can_anywhere
from sunshine.participation.meetings.selectors import meetings_needing_action, next_step_label

from ..menu import register_menu_item
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    cached = getattr(user, "_workbench_may_view_meetings", None)
    if cached is None:
        cached = user.is_authenticated and can_anywhere(user, "meeting.view_staff")
        user._workbench_may_view_meetings = cached
    return cached


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
    register_menu_item(
        "meetings",
        label=gettext_lazy("会议公开"),
        url="workbench:meetings_list",
        order=45,
        visible=may_view,
    )
    register_queue_provider("meetings", meeting_tasks)
