"""What 公共资源交易 adds to the workbench: the queue of complaints to review (5 wd; 工程建设
3 wd) or decide (30 wd from receipt), by their due date (the clocks' rules in
opendata/trading/rules.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.opendata.trading.selectors import open_complaints

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def complaint_tasks(user, limit: int) -> list[QueueItem]:
    if not may_anywhere(user, "trading.complaint"):
        return []
    return [
        QueueItem(
            title=f"{c.complainant_name} / {c.project.title}",
            url=reverse("workbench:trading_complaint", args=[c.pk]),
            due=c.clock_due_at,
            label=_("投诉受理审查") if c.state == "received" else _("投诉处理决定"),
        )
        for c in open_complaints(user, limit)
    ]


def register() -> None:
    register_queue_provider("trading", complaint_tasks)
