"""What 政务舆情 adds to the workbench: the queue of events waiting for a
response by the user's agencies (most urgent clock first), and the 会商 parts other agencies
asked the user's agencies to answer (by their answer clock)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.participation.opinion.selectors import open_events_for_queue, parts_for_user

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


def parts_to_answer(user, limit: int) -> list[QueueItem]:
    """会商 parts waiting for an answer by the user's agencies (one query)."""
    return [
        QueueItem(
            title=part.coordination.topic,
            url=reverse("workbench:opinion_part", args=[part.pk]),
            due=part.reply_due_at,
            label=_("舆情会商：%(agency)s") % {"agency": part.agency.name},
        )
        for part in parts_for_user(user, pending=True, limit=limit)
    ]


def register() -> None:
    register_queue_provider("opinion", events_to_answer)
    register_queue_provider("opinion_coordination", parts_to_answer)
