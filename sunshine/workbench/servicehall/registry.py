"""What the services feature adds to the workbench: the handlers'
queue (我的待办: applications waiting for the user's step, earliest due first)."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from sunshine.kernel.access.policy import can_anywhere
from sunshine.servicehall.applications.selectors import staff_queue

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider

WAITING = ["submitted", "accepted", "reviewing", "decided", "completed"]


def may_view_applications(user) -> bool:
    return may_anywhere(user, "service_application.view_staff")


def may_edit_items(user) -> bool:
    return may_anywhere(user, "service_item.view_staff")


def applications_waiting(user, limit: int) -> list[QueueItem]:
    if not can_anywhere(user, "service_application.accept"):
        return []
    apps = staff_queue(user, state=WAITING).filter(Q(assignee=user) | Q(assignee__isnull=True))
    apps = apps.order_by("step_due_at")[:limit]
    return [
        QueueItem(
            title=f"{a.item.name}（{a.applicant_name}）",
            url=reverse("workbench:service_application_detail", args=[a.pk]),
            due=timezone.localdate(a.step_due_at) if a.step_due_at else None,
            label=str(gettext_lazy("办件")) + "·" + a.get_state_display(),
        )
        for a in apps
    ]


def register() -> None:
    register_queue_provider("service_applications", applications_waiting)
