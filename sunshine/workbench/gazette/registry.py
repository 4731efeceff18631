"""What the gazette adds to the workbench: in "my queue", the draft issues
with contents waiting for their editors and publishers."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.disclosure.gazette.choices import Processing
from sunshine.disclosure.gazette.selectors import issue_label, pending_for

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    return may_anywhere(user, "gazette.view_staff")


def may_create(user) -> bool:
    return may_anywhere(user, "gazette.edit")


def gazette_queue(user, limit: int) -> list[QueueItem]:
    if not may_view(user):
        return []
    items = []
    for issue in pending_for(user, limit=limit):
        label = _("待校对") if issue.processing == Processing.DONE else _("待发布")
        items.append(
            QueueItem(
                title=_("政府公报 %(label)s") % {"label": issue_label(issue)},
                url=reverse("workbench:gazette_detail", args=[issue.pk]),
                due=issue.publication_date,
                label=label,
            )
        )
    return items


def register() -> None:
    register_queue_provider("gazette", gazette_queue)
