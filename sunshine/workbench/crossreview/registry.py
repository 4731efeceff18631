"""What 交叉互评 adds to the workbench: a reviewer's score sheets still to submit, by their
clock (crossreview.submit)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.governance.crossreview.selectors import open_sheets_for_reviewer

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def crossreview_tasks(user, limit: int) -> list[QueueItem]:
    if not may_anywhere(user, "crossreview.score"):
        return []
    return [
        QueueItem(
            title=_("%(round)s：评审%(agency)s")
            % {"round": a.round.name, "agency": a.reviewed_agency.name},
            url=reverse("workbench:crossreview_sheet", args=[a.pk]),
            due=a.submit_due_at,
            label=_("交叉互评评分"),
        )
        for a in open_sheets_for_reviewer(user)[:limit]
    ]


def register() -> None:
    register_queue_provider("crossreview", crossreview_tasks)
