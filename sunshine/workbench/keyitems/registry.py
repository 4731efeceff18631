"""What key items add to the workbench dashboard: the cross-checks waiting for one's unit and
the public's questions to answer, by their deadlines."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.governance.keyitems import selectors

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def keyitem_tasks(user, limit: int) -> list[QueueItem]:
    out = []
    if may_anywhere(user, "keyitem.crosscheck"):
        out += [
            QueueItem(
                title=check.item.title,
                url=reverse("workbench:keyitems_detail", args=[check.item_id]) + "#crosscheck",
                due=check.clock_due_at,
                label=_("交叉审核"),
            )
            for check in selectors.checks_for_unit(user)[:limit]
        ]
    if may_anywhere(user, "keyitem.answer"):
        out += [
            QueueItem(
                title=q.item.title,
                url=reverse("workbench:keyitems_question", args=[q.pk]),
                due=q.clock_due_at,
                label=_("答复公众监督"),
            )
            for q in selectors.questions_for_staff(user, state="open")[:limit]
        ]
    return out[:limit]


def register() -> None:
    register_queue_provider("keyitems", keyitem_tasks)
