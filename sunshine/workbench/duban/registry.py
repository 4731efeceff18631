"""What 督办 adds to the workbench: its menu entry and the orders waiting for the user (to
answer, or — for the issuer — to close)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.kernel.access.policy import can_anywhere
from sunshine.kernel.duban.selectors import open_orders_for_user

from ..menu import register_menu_item
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    cached = getattr(user, "_workbench_may_view_oversight", None)
    if cached is None:
        cached = user.is_authenticated and can_anywhere(user, "oversight.view")
        user._workbench_may_view_oversight = cached
    return cached


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
    register_menu_item(
        "oversight",
        label=gettext_lazy("督办"),
        url="workbench:oversight_list",
        order=64,
        visible=may_view,
    )
    register_queue_provider("oversight", orders_waiting)
