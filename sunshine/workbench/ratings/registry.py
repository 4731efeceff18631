"""What 好差评 adds to the workbench: its menu entry and the 差评整改 cases waiting in the
queue (with their deadline)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.kernel.access.policy import can_anywhere
from sunshine.kernel.ratings.selectors import open_cases

from ..menu import register_menu_item
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    cached = getattr(user, "_workbench_may_view_ratings", None)
    if cached is None:
        cached = user.is_authenticated and can_anywhere(user, "rating.view_staff")
        user._workbench_may_view_ratings = cached
    return cached


def cases_waiting(user, limit: int) -> list[QueueItem]:
    if not may_view(user):
        return []
    return [
        QueueItem(
            title=case.title or case.kind,
            url=reverse("workbench:ratings_case", args=[case.pk]),
            due=case.clock.due_at if case.clock_id else None,
            label=_("差评整改"),
        )
        for case in open_cases(user)[:limit]
    ]


def register() -> None:
    register_menu_item(
        "ratings",
        label=gettext_lazy("好差评"),
        url="workbench:ratings_list",
        order=62,
        visible=may_view,
    )
    register_queue_provider("ratings", cases_waiting)
