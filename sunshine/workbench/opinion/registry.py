"""What 政务舆情 adds to the workbench: the queue of events waiting for a
response by the user's agencies (most urgent clock first)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.participation.opinion.selectors import open_events_for_queue

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    return may_anywhere(user, "opinion.view_staff")


def events_to_answer(user, limit: int) -> list[QueueItem]:
    items = []
    for event in open_events_for_queue(user, limit):
        clocks = event.open_clocks
        if not clocks:
            continue
        first = clocks[0]
        items.append(
            QueueItem(
                title=event.title,
                url=reverse("workbench:opinion_detail", args=[event.pk]),
                due=first.due_at,
                label=_("舆情：%(rule)s") % {"rule": first.rule_label},
            )
        )
    return items[:limit]


def register() -> None:
    register_queue_provider("opinion", events_to_answer)
