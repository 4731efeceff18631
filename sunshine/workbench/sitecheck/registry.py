"""What 网站自查 adds to the workbench at start-up: the dashboard queue of 网站纠错 waiting for
confirmation or correction (on their clocks)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.assessment.errorreports.selectors import open_clocks, staff_reports

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def errors_waiting(user, limit: int) -> list[QueueItem]:
    if not may_anywhere(user, "errorreport.handle"):
        return []
    items = []
    for report in staff_reports(user, state="open")[:limit]:
        clocks = open_clocks(report)
        items.append(
            QueueItem(
                title=report.page_url[:80],
                url=reverse("workbench:errorreport_detail", args=[report.pk]),
                due=min((c.due_at for c in clocks), default=None),
                label=_("网站纠错"),
            )
        )
    return items


def register():
    register_queue_provider("errorreports", errors_waiting)
