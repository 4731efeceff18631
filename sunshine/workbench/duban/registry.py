"""What 督办 adds to the workbench: the orders waiting for the user (to
answer, or — for the issuer — to close)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.kernel.duban.selectors import open_orders_for_user

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    return may_anywhere(user, "oversight.view")


def orders_waiting(user, limit: int) -> list[QueueItem]:
    if not may_view(user):
        return []
    items = []
    for order in open_orders_for_user(user)[:limit]:
        waiting_close = order.state == order.State.RESPONDED
        items.append(
            QueueItem(
                title=order.title,
                url=reverse("workbench:oversight_detail", args=[order.pk]),
                due=None if waiting_close or not order.clock_id else order.clock.due_at,
                label=_("督办待办结") if waiting_close else _("督办"),
            )
        )
    return items


def register() -> None:
    register_queue_provider("oversight", orders_waiting)
