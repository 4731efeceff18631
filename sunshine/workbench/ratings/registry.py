"""What 好差评 adds to the workbench: the 差评整改 cases waiting in the
queue (with their deadline)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.kernel.ratings.selectors import open_cases

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    return may_anywhere(user, "rating.view_staff")


def cases_waiting(user, limit: int) -> list[QueueItem]:
    if not may_view(user):
        return []
    return [
        QueueItem(
            title=case.title or case.kind,
            url=reverse("workbench:ratings_case", args=[case.pk]),
            due=case.clock.due_at if case.clock_id else None,
            label=_("差评整改"),
        )
        for case in open_cases(user)[:limit]
    ]


def register() -> None:
    register_queue_provider("ratings", cases_waiting)
