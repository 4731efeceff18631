"""What 行政执法公示 adds to the workbench: the queue of decisions to publish (by their
7-working-day deadline) and of 法制审核 requests to answer."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.governance.enforcement.selectors import decisions_for_staff

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def enforcement_tasks(user, limit: int) -> list[QueueItem]:
    items = []
    if may_anywhere(user, "enforcement.publish"):
        for d in decisions_for_staff(user, state="decided").order_by("clock_due_at")[:limit]:
            items.append(
                QueueItem(
                    title=f"{d.title}（{d.doc_number}）",
                    url=reverse("workbench:enforcement_detail", args=[d.pk]),
                    due=d.clock_due_at,
                    label=_("公示执法决定"),
                )
            )
    if may_anywhere(user, "enforcement.legal_review"):
        for d in decisions_for_staff(user, state="review")[:limit]:
            items.append(
                QueueItem(
                    title=f"{d.title}（{d.doc_number}）",
                    url=reverse("workbench:enforcement_detail", args=[d.pk]),
                    due=None,
                    label=_("法制审核"),
                )
            )
    return items[:limit]


def register() -> None:
    register_queue_provider("enforcement", enforcement_tasks)
