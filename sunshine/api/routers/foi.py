"""依申请公开: the public fee estimator (国办函〔2020〕109号) and the staff endpoints (token auth)
that list applications and act on them through the same services as the workbench."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema

from sunshine.disclosure.foi import calculator, fees, replies, selectors, services
from sunshine.kernel.accounts.models import User

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..pagination import limit_param, offset_param, page

router = Router(tags=["foi"])


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


class DeadlineOut(Schema):
    reply_due: dt.date
    correction_notice_due: dt.date
    third_party_due: dt.date | None
    provisional: bool


@router.get("/deadline", response=DeadlineOut, summary="依申请公开期限计算器")
def deadline(
    request,
    received: str = Query("", description="收到申请之日（条例第三十一条），YYYY-MM-DD；必填"),
    correction_received: str = Query(
        "", description="收到补正申请之日：答复期限自该日重新计算（条例第三十条）"
    ),
    third_party_sent: str = Query("", description="书面征求第三方意见之日（条例第三十二条）"),
    third_party_answered: str = Query(
        "", description="第三方答复之日；不填则第三方15个工作日期满时自动恢复计时"
    ),
    extension: str = Query("0", description="经批准延长的工作日（0–20，条例第三十三条）"),
):
    """The reply date (20 wd), the 补正 notice date (7 wd) and the third party's date (15 wd),
    counted on the official calendar from the day after each start day, by the same engine as
    the agencies' own clocks. `provisional`: a date falls where the year's holiday notice is
    not published yet (statutory holidays assumed, 调休 unknown)."""
    return calculator.calculate(
        {
            "received": received,
            "correction_received": correction_received,
            "third_party_sent": third_party_sent,
            "third_party_answered": third_party_answered,
            "extension": extension,
        }
    ).as_dict()


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
    fee_notified_on: dt.date | None
    fee_notice_received_on: dt.date | None
    reply_text: str
    referred_agency_name: str
    referred_agency_contact: str
    delivery_method: str
    delivered_on: dt.date | None


class RequestPage(Schema):
    count: int
    items: list[RequestOut]


_get = StaffLookup(
    selectors.request_for_staff, gettext_lazy("该申请不存在，或不在您的权限范围内。")
)


@router.get("/requests", response=RequestPage, auth=staff_token, summary="依申请公开申请列表")
def list_requests(
    request,
    state: str | None = Query(None, description="open 或状态代码"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    items = selectors.staff_requests(request.user, state=state).order_by("-received_on", "-pk")
    return page(items, limit, offset, selectors.with_reply_urgency)  # as of now


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
    notice_received_on: dt.date | None = None


class FeeReceivedIn(Schema):
    received_on: dt.date


class SupplyIn(Schema):
    text: str
    received_on: dt.date | None = None


class OpinionIn(Schema):
    opinion: str
    note: str = ""
    answered_on: dt.date | None = None


class FoiReplyIn(Schema):
    outcome: str
    reasons: str = ""
    referred_agency_id: int | None = None
    referred_agency_name: str = ""
    referred_agency_contact: str = ""


@router.post("/requests/{int:request_id}/correction", response=RequestDetail, auth=staff_token)
def send_correction(request, request_id: int, payload: CorrectionIn):
    return _get.act(
        request,
        request_id,
        lambda obj: services.send_correction_notice(
            request=obj, actor=request.user, items=payload.items
        ),
    )


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
        request=obj,
        actor=request.user,
        method=payload.method,
        pages=payload.pages,
        notice_received_on=payload.notice_received_on,
    )
    return _get(request, request_id)


@router.post(
    "/requests/{int:request_id}/fee-notice/received", response=RequestDetail, auth=staff_token
)
def fee_notice_received(request, request_id: int, payload: FeeReceivedIn):
    """The day the applicant received a posted fee notice: the 20 wd to pay start."""
    return _get.act(
        request,
        request_id,
        lambda obj: services.record_fee_notice_received(
            request=obj, actor=request.user, received_on=payload.received_on
        ),
    )


@router.post(
    "/requests/{int:request_id}/correction/supplied", response=RequestDetail, auth=staff_token
)
def correction_supplied(request, request_id: int, payload: SupplyIn):
    """A corrected application received by letter or at the counter: the reply period starts
    again from `received_on` (条例 Art. 30)."""
    return _get.act(
        request,
        request_id,
        lambda obj: services.supply_correction(
            request=obj, actor=request.user, text=payload.text, received_on=payload.received_on
        ),
    )


@router.post(
    "/requests/{int:request_id}/third-party/opinion", response=RequestDetail, auth=staff_token
)
def third_party_opinion(request, request_id: int, payload: OpinionIn):
    """The third party's answer to the latest consultation (a late one is recorded only)."""
    obj = _get(request, request_id)
    consultation = obj.consultations.order_by("-pk").first()
    if consultation is None:
        raise NotFound(_("该申请没有征求第三方意见。"))
    services.record_third_party_opinion(
        consultation=consultation,
        actor=request.user,
        opinion=payload.opinion,
        note=payload.note,
        answered_on=payload.answered_on,
    )
    return _get(request, request_id)


@router.post("/requests/{int:request_id}/reply", response=RequestDetail, auth=staff_token)
def reply(request, request_id: int, payload: FoiReplyIn):
    obj = _get(request, request_id)
    referred = None
    if payload.referred_agency_id is not None:
        from sunshine.kernel.orgs.selectors import public_agencies

        referred = public_agencies().filter(pk=payload.referred_agency_id).first()
        if referred is None:
            raise NotFound(_("没有该机关。"))
    replies.reply_to_request(
        request=obj,
        actor=request.user,
        outcome=payload.outcome,
        reasons=payload.reasons,
        referred_agency=referred,
        referred_agency_name=payload.referred_agency_name,
        referred_agency_contact=payload.referred_agency_contact,
    )
    return _get(request, request_id)
