"""What the interpretations feature adds to the workbench: its menu entry and the drafters'
queue of records waiting for an interpretation (待解读)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.disclosure.interpretations.selectors import records_needing_interpretation
from sunshine.kernel.access.policy import can_anywhere

from ..menu import register_menu_item
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    cached = getattr(user, "_workbench_may_view_interpretations", None)
    if cached is None:
        cached = user.is_authenticated and can_anywhere(user, "interpretation.view_staff")
        user._workbench_may_view_interpretations = cached
    return cached


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
    register_menu_item(
        "interpretations",
        label=gettext_lazy("政策解读"),
        url="workbench:interpretations_list",
        order=35,
        visible=may_view,
    )
    register_queue_provider("interpretations", records_to_interpret)
