"""What 征求意见 adds to the workbench: two queues — consultations with
comments waiting for pre-moderation, and feedback reports (采纳情况说明) due, with the clock's
urgency in the label."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel.access.policy import can_anywhere
from sunshine.participation.consultations.selectors import (
    consultations_to_moderate,
    feedback_clocks,
)

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    return may_anywhere(user, "consultation.view_staff")


def to_moderate(user, limit: int) -> list[QueueItem]:
    if not can_anywhere(user, "consultation.moderate"):
        return []
    return [
        QueueItem(
            title=_("%(title)s（%(n)d条待审核）") % {"title": c.title, "n": c.pending_comments},
            url=reverse("workbench:consultation_comments", args=[c.pk]) + "?state=pending",
            label=_("意见审核"),
        )
        for c in consultations_to_moderate(user)[:limit]
    ]


def feedback_due(user, limit: int) -> list[QueueItem]:
    if not can_anywhere(user, "consultation.adopt"):
        return []
    items = []
    for clock in feedback_clocks(user).order_by("due_at")[:limit]:
        items.append(
            QueueItem(
                title=str(clock.content_object),
                url=reverse("workbench:consultation_feedback", args=[clock.object_id]),
                due=timezone.localdate(clock.due_at),
                label=_("采纳情况说明·%(urgency)s") % {"urgency": clock.get_urgency_display()},
            )
        )
    return items


def register() -> None:
    register_queue_provider("consultations_moderation", to_moderate)
    register_queue_provider("consultations_feedback", feedback_due)
