"""What the gazette adds to the workbench: its menu entry and, in "my queue", the draft issues
with contents waiting for their editors and publishers."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.disclosure.gazette.choices import Processing
from sunshine.disclosure.gazette.selectors import issue_label, pending_for
from sunshine.kernel.access.policy import can_anywhere

from ..menu import register_menu_item
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    return can_anywhere(user, "gazette.view_staff")


def may_create(user) -> bool:
    return can_anywhere(user, "gazette.edit")


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
    register_menu_item(
        "gazette",
        label=gettext_lazy("政府公报"),
        url="workbench:gazette_list",
        order=45,
        visible=may_view,
    )
    register_queue_provider("gazette", gazette_queue)
