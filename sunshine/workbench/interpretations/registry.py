"""What the interpretations feature adds to the workbench: the drafters'
queue of records waiting for an interpretation (待解读)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.disclosure.interpretations.selectors import records_needing_interpretation

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    return may_anywhere(user, "interpretation.view_staff")


def records_to_interpret(user, limit: int) -> list[QueueItem]:
    records = records_needing_interpretation(user).select_related(None).only("pk", "title")
    records = records[:limit]
    return [
        QueueItem(
            title=r.title,
            url=reverse("workbench:interpretations_record", args=[r.pk]),
            label=_("待解读"),
        )
        for r in records
    ]


def register() -> None:
    register_queue_provider("interpretations", records_to_interpret)
