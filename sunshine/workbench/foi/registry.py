"""What 依申请公开 adds to the workbench: its menu entry and the disclosure office's queue of
open applications (the reply clock's due date gives the colour)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.disclosure.foi.selectors import queue
from sunshine.kernel.access.policy import can_anywhere

from ..menu import register_menu_item
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    cached = getattr(user, "_workbench_may_view_foi", None)
    if cached is None:
        cached = user.is_authenticated and can_anywhere(user, "foi.view_staff")
        user._workbench_may_view_foi = cached
    return cached


def open_requests(user, limit: int) -> list[QueueItem]:
    if not can_anywhere(user, "foi.handle"):
        return []
    return [
        QueueItem(
            title=f"{r.number} {r.applicant_name}",
            url=reverse("workbench:foi_detail", args=[r.pk]),
            due=timezone.localdate(r.reply_due_at) if r.reply_due_at else None,
            label=_("依申请公开"),
        )
        for r in queue(user, limit=limit)
    ]


def register() -> None:
    register_menu_item(
        "foi",
        label=gettext_lazy("依申请公开"),
        url="workbench:foi_list",
        order=40,
        visible=may_view,
    )
    register_queue_provider("foi", open_requests)
