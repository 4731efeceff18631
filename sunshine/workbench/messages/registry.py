"""What 网民留言 adds to the workbench: the dashboard queue (open messages
by reply deadline; for the general office also those waiting for dispatch, and the messages
unanswered for more than 3 months — a veto item of the national website check)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.participation.messages import selectors
from sunshine.participation.messages.workflow import MessageState

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    return may_anywhere(user, "message.view_staff")


def may_supervise(user) -> bool:
    return may_anywhere(user, "message.supervise")


def messages_to_handle(user, limit: int) -> list[QueueItem]:
    if not may_view(user):
        return []
    items = []
    stale = (
        selectors.long_unanswered(user)
        .select_related(None)
        .only("pk", "subject", "submitted_at")[:limit]
    )
    stale_ids = set()
    for m in stale:
        stale_ids.add(m.pk)
        items.append(
            QueueItem(
                title=m.subject,
                url=reverse("workbench:messages_detail", args=[m.pk]),
                due=m.submitted_at,
                label=_("留言超3个月未答复"),
            )
        )
    queue = (
        selectors.staff_queue(user)
        .select_related(None)
        .only("pk", "subject", "state", "submitted_at")
    )
    for m in queue[:limit]:
        if m.pk in stale_ids:
            continue
        unrouted = m.state in (MessageState.SUBMITTED, MessageState.RETURNED)
        items.append(
            QueueItem(
                title=m.subject,
                url=reverse("workbench:messages_detail", args=[m.pk]),
                due=m.reply_due_at or m.submitted_at,
                label=_("留言待分派") if unrouted else _("网民留言"),
            )
        )
    return items[:limit]


def register() -> None:
    register_queue_provider("messages", messages_to_handle)
