"""What the 公开答复库 adds to the workbench: the drafters' queue of 条例 Art. 44 proposals still
waiting for their draft 主动公开 record."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.disclosure.answers.selectors import open_proposals
from sunshine.kernel.access.policy import agencies_for, can_anywhere

from ..queues import QueueItem, register_queue_provider


def waiting_proposals(user, limit: int) -> list[QueueItem]:
    if not can_anywhere(user, "record.draft"):
        return []
    agencies = agencies_for(user, "record.draft").values("pk")
    return [
        QueueItem(
            title=p.title,
            url=reverse("workbench:answers_proposals"),
            due=timezone.localdate(p.created_at),
            label=_("纳入主动公开建议"),
        )
        for p in open_proposals(agencies)[:limit]
    ]


def register() -> None:
    register_queue_provider("foi_answers", waiting_proposals)
