"""Reads of 督办, scoped by the permission policy ("oversight.view")."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from sunshine.kernel.access.policy import scope

from .models import SupervisionOrder


def _rich(qs) -> QuerySet[SupervisionOrder]:
    return qs.select_related("agency", "issued_by", "clock")


def orders_for(target) -> QuerySet[SupervisionOrder]:
    """Every 督办 of `target`, latest first (for the item's own page)."""
    content_type = ContentType.objects.get_for_model(target)
    return _rich(
        SupervisionOrder.objects.filter(content_type=content_type, object_id=target.pk)
    ).order_by("-issued_at", "-pk")


def has_open_order(target) -> bool:
    return orders_for(target).exclude(state=SupervisionOrder.State.CLOSED).exists()


def orders(
    user=None,
    *,
    state: str | None = None,
    kind: str | None = None,
    agency_ids=None,
    issued_by=None,
    addressed_to_user=None,
) -> QuerySet[SupervisionOrder]:
    """Orders the user may see (all with user=None), filtered; open and earliest due first."""
    qs = SupervisionOrder.objects.all()
    if user is not None:
        qs = scope(user, "oversight.view", qs)
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    if issued_by is not None:
        qs = qs.filter(issued_by=issued_by)
    if addressed_to_user is not None:
        qs = scope(addressed_to_user, "oversight.respond", qs)
    return _rich(qs).order_by("state", "clock__due_at", "-issued_at", "pk")


def open_orders_for_user(user) -> QuerySet[SupervisionOrder]:
    """Orders waiting for the user: unanswered ones addressed to agencies where the user may
    respond, and answered ones the user issued (to close)."""
    waiting = scope(
        user,
        "oversight.respond",
        SupervisionOrder.objects.filter(state=SupervisionOrder.State.OPEN),
    )
    to_close = SupervisionOrder.objects.filter(
        issued_by_id=user.pk, state=SupervisionOrder.State.RESPONDED
    )
    qs = SupervisionOrder.objects.filter(
        Q(pk__in=waiting.values("pk")) | Q(pk__in=to_close.values("pk"))
    )
    return _rich(qs).order_by("clock__due_at", "pk")


def order_for_staff(user, pk: int) -> SupervisionOrder | None:
    qs = scope(user, "oversight.view", SupervisionOrder.objects.all())
    return _rich(qs).select_related("responded_by", "closed_by").filter(pk=pk).first()
