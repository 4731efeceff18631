"""What 问责 adds to the workbench dashboard: for the general office's supervisors the open
cases to handle (earliest due first, on their 问责办理 clock); for the leaders of an agency
held to account the cases still waiting for its 情况说明."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.governance.accountability.selectors import cases_to_answer, cases_to_handle

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def cases_waiting(user, limit: int) -> list[QueueItem]:
    items = []
    if may_anywhere(user, "accountability.handle"):
        for case in cases_to_handle(user)[:limit]:
            items.append(
                QueueItem(
                    title=case.title,
                    url=reverse("workbench:accountability_detail", args=[case.pk]),
                    due=case.handle_due_at,
                    label=_("问责"),
                )
            )
    if may_anywhere(user, "accountability.respond"):
        for case in cases_to_answer(user)[:limit]:
            items.append(
                QueueItem(
                    title=case.title,
                    url=reverse("workbench:accountability_detail", args=[case.pk]),
                    label=_("问责情况说明"),
                )
            )
    return items


def register() -> None:
    register_queue_provider("accountability", cases_waiting)
