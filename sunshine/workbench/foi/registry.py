"""What 依申请公开 adds to the workbench: the disclosure office's queue of
open applications (the reply clock's due date gives the colour)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.disclosure.foi.selectors import queue
from sunshine.kernel.access.policy import can_anywhere

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    return may_anywhere(user, "foi.view_staff")


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
    register_queue_provider("foi", open_requests)
