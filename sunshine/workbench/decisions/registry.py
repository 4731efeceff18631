"""What 重大行政决策 adds to the workbench: the legal office's queue of 合法性审查 waiting for its
opinion, each due on its own clock (decision.legality_review)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.governance.decisions.selectors import legality_reviews_for
from sunshine.governance.decisions.steps import legality_clock

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def legality_tasks(user, limit: int) -> list[QueueItem]:
    if not may_anywhere(user, "decision.legal_review"):
        return []
    items = []
    for step in legality_reviews_for(user)[:limit]:
        running = legality_clock(step)
        items.append(
            QueueItem(
                title=step.decision.title,
                url=reverse("workbench:decisions_detail", args=[step.decision_id]),
                due=running.due_date if running is not None else None,
                label=_("合法性审查"),
            )
        )
    return items


def register() -> None:
    register_queue_provider("decisions", legality_tasks)
