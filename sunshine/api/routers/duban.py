"""督办 for staff (token): the orders the user may see, one order, and the acts — issue
(supervisors), respond (the addressed agency), close (supervisors) — through the same
selectors and services as the workbench."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status

from sunshine.kernel.duban import selectors, services
from sunshine.kernel.duban.registry import get_supervisable, kind_label

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..pagination import limit_param, offset_param, page

router = Router(tags=["oversight"], auth=staff_token)


def _local(value):
    return timezone.localtime(value) if value else None


class OrderOut(Schema):
    id: int
    kind: str
    kind_label: str
    object_id: int
    title: str
    agency_id: int
    agency_name: str
    issued_by: str
    issued_at: dt.datetime
    reason: str
    response_days: int
    due_at: dt.datetime | None
    urgency: str | None
    state: str
    state_label: str
    response_text: str
    responded_at: dt.datetime | None
    verdict: str
    closed_at: dt.datetime | None

    @staticmethod
    def resolve_kind_label(obj):
        return kind_label(obj.kind)

    @staticmethod
    def resolve_agency_name(obj):
        return obj.agency.name

    @staticmethod
    def resolve_issued_by(obj):
        return str(obj.issued_by)

    @staticmethod
    def resolve_issued_at(obj):
        return _local(obj.issued_at)

    @staticmethod
    def resolve_due_at(obj):
        return _local(obj.clock.due_at) if obj.clock_id else None

    @staticmethod
    def resolve_urgency(obj):
        return obj.clock.urgency if obj.clock_id and obj.clock.is_open else None

    @staticmethod
    def resolve_state_label(obj):
        return str(obj.get_state_display())

    @staticmethod
    def resolve_responded_at(obj):
        return _local(obj.responded_at)

    @staticmethod
    def resolve_closed_at(obj):
        return _local(obj.closed_at)


class OrderPage(Schema):
    count: int
    items: list[OrderOut]


@router.get("/orders", response=OrderPage, summary="可见的督办")
def list_orders(
    request,
    box: str = Query("all", description="all 全部可见；mine 本单位承办；issued 我发起的"),
    state: str | None = None,
    kind: str | None = None,
    limit: int = limit_param(50),
    offset: int = offset_param(),
):
    user = request.auth
    extra = {}
    if box == "issued":
        extra["issued_by"] = user
    elif box == "mine":
        extra["addressed_to_user"] = user
    qs = selectors.orders(user, state=state, kind=kind, **extra)
    return page(qs, limit, offset)


_order = StaffLookup(
    selectors.order_for_staff, gettext_lazy("该督办不存在，或不在您的权限范围内。")
)


@router.get("/orders/{order_id}", response=OrderOut, summary="一件督办")
def order_detail(request, order_id: int):
    return _order(request, order_id)


class IssueIn(Schema):
    kind: str
    object_id: int
    reason: str
    response_days: int | None = None


@router.post("/orders", response={201: OrderOut}, summary="发起督办（督查人员）")
def issue(request, payload: IssueIn):
    try:
        entry = get_supervisable(payload.kind)
    except LookupError:
        raise NotFound(_("该类事项不能督办。")) from None
    target = entry.get(payload.object_id)
    if target is None:
        raise NotFound(_("要督办的事项不存在。"))
    order = services.issue_order(
        target=target,
        actor=request.auth,
        reason=payload.reason,
        response_days=payload.response_days,
        kind=entry.kind,
    )
    return Status(201, selectors.order_for_staff(request.auth, order.pk))


class RespondIn(Schema):
    text: str


class OrderCloseIn(Schema):
    verdict: str = ""


@router.post("/orders/{order_id}/respond", response=OrderOut, summary="反馈督办")
def respond(request, order_id: int, payload: RespondIn):
    return _order.act(
        request,
        order_id,
        lambda order: services.respond_to_order(order=order, actor=request.auth, text=payload.text),
    )


@router.post("/orders/{order_id}/close", response=OrderOut, summary="办结督办")
def close(request, order_id: int, payload: OrderCloseIn):
    return _order.act(
        request,
        order_id,
        lambda order: services.close_order(
            order=order, actor=request.auth, verdict=payload.verdict
        ),
    )
