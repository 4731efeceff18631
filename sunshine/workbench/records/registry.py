"""What the records feature adds to the workbench: the dashboard queue of records waiting for
the user's review, sign-off or publication (by the user's roles, on the agencies where the
user holds them)."""

from django.utils.translation import gettext_lazy

from sunshine.disclosure.records.selectors import staff_records
from sunshine.disclosure.records.workflow import RecordState
from sunshine.kernel.access.policy import scope

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider
from .links import detail_path_template
from .pages import disclosure_clocks

# (state the record waits in, the action that moves it on, the tag shown in the queue)
WAITING_FOR = [
    (RecordState.SUBMITTED, "record.review", gettext_lazy("待审核")),
    (RecordState.REVIEWED, "record.sign", gettext_lazy("待签发")),
    (RecordState.SIGNED_OFF, "record.publish", gettext_lazy("待发布")),
]


def may_view(user) -> bool:
    return may_anywhere(user, "record.view_staff")


def may_draft(user) -> bool:
    return may_anywhere(user, "record.draft")


def records_waiting(user, limit: int) -> list[QueueItem]:
    """Records in a state the user may move on, oldest first, with their disclosure deadline
    (two queries whatever the number of roles)."""
    if not may_view(user):
        return []
    waiting = None
    for state, action, _label in WAITING_FOR:
        qs = scope(user, action, staff_records(user, state=state))
        waiting = qs if waiting is None else waiting | qs
    records = list(
        waiting.select_related(None)
        .only("pk", "title", "state")
        .order_by("updated_at", "pk")[:limit]
    )
    labels = {str(state): label for state, _action, label in WAITING_FOR}
    clocks = disclosure_clocks(records)
    template = detail_path_template()
    items = []
    for record in records:
        clock = clocks.get(record.pk)
        items.append(
            QueueItem(
                title=record.title,
                url=template.format(record.pk),
                due=clock.due_date if clock is not None else None,
                label=str(labels[str(record.state)]),
            )
        )
    return items


def register() -> None:
    register_queue_provider("records", records_waiting)
