"""依申请公开: the public fee estimator (国办函〔2020〕109号) and the staff endpoints (token auth)
that list applications and act on them through the same services as the workbench."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from sunshine.disclosure.foi import fees, replies, selectors, services
from sunshine.kernel.accounts.models import User

from ..auth import staff_token
from ..errors import NotFound

router = Router(tags=["foi"])

MAX_LIMIT = 100


class FeeEstimateOut(Schema):
    items_this_month: int
    pages: int
    by_count: int
    by_volume: int
    currency: str
    basis: str


@router.get("/fee-estimate", response=FeeEstimateOut, summary="信息处理费估算")
def fee_estimate(
    request,
    items_this_month: str = Query(
        ..., description="本申请是申请人本月向该机关提出的第几件（含本件）"
    ),
    pages: str = Query("0", description="所需信息的页数"),
):
    """By-count and by-volume amounts (元) for this application; the agency applies one."""
    result = fees.estimate(items_this_month=items_this_month, pages=pages).as_dict()
    result["basis"] = str(fees.LEGAL_BASIS)
    return result


class RequestOut(Schema):
    id: int
    number: str
    agency_id: int
    agency_name: str
    applicant_type: str
    applicant_name: str
    channel: str
    received_on: dt.date
    state: str
    state_label: str
    outcome: str
    replied_on: dt.date | None
    reply_due_at: dt.datetime | None = None
    reply_urgency: str | None = None

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_reply_due_at(obj):
        value = getattr(obj, "reply_due_at", None)
        return timezone.localtime(value) if value else None


class RequestDetail(RequestOut):
    description: str
    delivery_form: str
    items_this_month: int
    extension_days: int
    fee_method: str
    fee_amount: int
    reply_text: str
    delivery_method: str
    delivered_on: dt.date | None


class RequestPage(Schema):
    count: int
    items: list[RequestOut]


def _get(request, request_id: int):
    found = selectors.request_for_staff(request.user, request_id)
    if found is None:
        raise NotFound(_("该申请不存在，或不在您的权限范围内。"))
    return found


@router.get("/requests", response=RequestPage, auth=staff_token, summary="依申请公开申请列表")
def list_requests(
    request,
    state: str | None = Query(None, description="open 或状态代码"),
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
):
    items = selectors.staff_requests(request.user, state=state).order_by("-received_on", "-pk")
    return {"count": items.count(), "items": list(items[offset : offset + limit])}


@router.get("/requests/{int:request_id}", response=RequestDetail, auth=staff_token)
def get_request(request, request_id: int):
    return _get(request, request_id)


class CorrectionIn(Schema):
    items: str


class ExtensionIn(Schema):
    approver_id: int
    days: int
    reason: str


class FeeIn(Schema):
    method: str
    pages: int = 0


class ReplyIn(Schema):
    outcome: str
    reasons: str = ""


@router.post("/requests/{int:request_id}/correction", response=RequestDetail, auth=staff_token)
def send_correction(request, request_id: int, payload: CorrectionIn):
    obj = _get(request, request_id)
    services.send_correction_notice(request=obj, actor=request.user, items=payload.items)
    return _get(request, request_id)


@router.post("/requests/{int:request_id}/extension", response=RequestDetail, auth=staff_token)
def extend(request, request_id: int, payload: ExtensionIn):
    obj = _get(request, request_id)
    approver = User.objects.filter(pk=payload.approver_id, is_active=True).first()
    services.extend_request(
        request=obj,
        actor=request.user,
        approver=approver,
        days=payload.days,
        reason=payload.reason,
    )
    return _get(request, request_id)


@router.post("/requests/{int:request_id}/fee-notice", response=RequestDetail, auth=staff_token)
def fee_notice(request, request_id: int, payload: FeeIn):
    obj = _get(request, request_id)
    services.issue_fee_notice(
        request=obj, actor=request.user, method=payload.method, pages=payload.pages
    )
    return _get(request, request_id)


@router.post("/requests/{int:request_id}/reply", response=RequestDetail, auth=staff_token)
def reply(request, request_id: int, payload: ReplyIn):
    obj = _get(request, request_id)
    replies.reply_to_request(
        request=obj, actor=request.user, outcome=payload.outcome, reasons=payload.reasons
    )
    return _get(request, request_id)
