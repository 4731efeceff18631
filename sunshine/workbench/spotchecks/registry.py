"""What the spot checks add to the workbench: the queue of drawn plans whose results are to be
entered and published (公示), by their 20-working-day deadline."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.governance.spotchecks.selectors import plans_awaiting_results

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def spotcheck_tasks(user, limit: int) -> list[QueueItem]:
    if not may_anywhere(user, "spotcheck.manage"):
        return []
    return [
        QueueItem(
            title=plan.title,
            url=reverse("workbench:spotchecks_detail", args=[plan.pk]),
            due=plan.clock_due_at,
            label=_("录入并公示抽查结果"),
        )
        for plan in plans_awaiting_results(user)[:limit]
    ]


def register() -> None:
    register_queue_provider("spotchecks", spotcheck_tasks)
