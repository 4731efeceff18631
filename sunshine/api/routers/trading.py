"""公共资源交易: projects with their announcements, handled complaints and the 黑名单 in force
for anyone; a signed-in bidder files a complaint; staff with a token import a feed (the same
harvest as the upload and the pull, answered with its report), list the complaints with their
clocks and move them (通知补正, 受理, 不予受理, 处理决定), with the same services as the
workbench; the complainant reads their complaint and sends the 补正."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from sunshine.opendata.trading import harvest, selectors, services
from sunshine.opendata.trading.choices import FeedFormat

from ..actions import StaffLookup
from ..auth import signed_in, staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import id_param, limit_param, offset_param, page

router = Router(tags=["trading"])
DATE_FROM = Query(None, description="最近公告日期不早于（YYYY-MM-DD）")
DATE_TO = Query(None, description="首次公告日期不晚于（YYYY-MM-DD）")


class TradingAnnouncementOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    published_on: dt.date
    version: int
    amount: Decimal | None
    winner: str
    winner_credit_code: str
    url: str
    body: str
    source_id: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())


class TradingProjectOut(Schema):
    id: int
    code: str
    title: str
    category: str
    category_label: str
    stage: str
    stage_label: str
    tenderer: str
    agent: str
    budget: Decimal | None
    region: str
    agency_id: int
    agency_name: str
    first_published_on: dt.date
    last_published_on: dt.date
    platform: str
    source_id: str
    url: str

    @staticmethod
    def resolve_category_label(obj) -> str:
        return str(obj.get_category_display())

    @staticmethod
    def resolve_stage_label(obj) -> str:
        return str(obj.get_stage_display())

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("trading_detail", obj.pk)


class TradingProjectPage(Schema):
    count: int
    items: list[TradingProjectOut]


class TradingComplaintPublicOut(Schema):
    id: int
    complainant: str
    matters: str
    state: str
    outcome: str
    outcome_label: str
    decision: str
    decided_at: dt.datetime | None


class TradingProjectDetailOut(TradingProjectOut):
    announcements: list[TradingAnnouncementOut]
    complaints: list[TradingComplaintPublicOut]

    @staticmethod
    def resolve_announcements(obj) -> list:
        return selectors.timeline(obj)

    @staticmethod
    def resolve_complaints(obj) -> list[dict]:
        return [_complaint_public(c) for c in selectors.public_complaints(obj)]


class TradingBlacklistOut(Schema):
    id: int
    entity_name: str
    credit_code: str
    reason: str
    basis: str
    valid_from: dt.date
    valid_to: dt.date
    agency_name: str

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name


class TradingBlacklistPage(Schema):
    count: int
    items: list[TradingBlacklistOut]


class TradingComplaintIn(Schema):
    announcement_id: int | None = None
    complainant_name: str = ""
    credit_code: str = ""
    contact: str = ""
    matters: str = ""
    facts: str = ""
    request_text: str = ""
    challenge: str = ""


class TradingComplaintOut(Schema):
    id: int
    project_id: int
    state: str
    state_label: str
    complainant_name: str
    received_at: dt.datetime
    reject_reason: str
    outcome: str
    decision_text: str
    decided_at: dt.datetime | None
    decided_late: bool | None
    correction_request: str = Field(description="补正通知写明的事项（未通知补正为空）")
    correction_due: dt.date | None = Field(description="补正期限")
    correction_requested_at: dt.datetime | None
    correction_text: str = Field(description="投诉人提交的补正内容")
    corrected_at: dt.datetime | None
    awaiting_correction: bool = Field(description="已通知补正、尚未补正：审查期限暂停")

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_awaiting_correction(obj) -> bool:
        return bool(
            obj.state == "received" and obj.correction_requested_at and not obj.corrected_at
        )


class TradingStaffComplaintOut(TradingComplaintOut):
    due_at: dt.datetime | None = None
    urgency: str | None = None

    @staticmethod
    def resolve_due_at(obj):
        return getattr(obj, "clock_due_at", None)

    @staticmethod
    def resolve_urgency(obj):
        return getattr(obj, "clock_urgency", None)


class TradingComplaintActIn(Schema):
    action: str = Field(
        description="request_correction | accept | reject | decide | pause | resume"
    )
    reason: str = ""
    outcome: str = Field("", description="upheld | unfounded | dismissed")
    decision: str = ""
    items: str = Field("", description="request_correction：需要补正的事项（一次性写明）")
    due: dt.date | None = Field(None, description="request_correction：补正期限，晚于今天")


class TradingCorrectionIn(Schema):
    text: str = Field("", description="补正内容（附件请在网站“我的投诉”页面上传）")


class TradingImportIn(Schema):
    agency_id: int
    platform: str
    format: str = "json"
    content: str  # the feed file's text (docs/trading.md)


class TradingRowErrorOut(Schema):
    row: int
    column: str
    message: str


class TradingImportReportOut(Schema):
    rows: int
    created: int
    updated: int
    unchanged: int
    failed: int
    row_errors: list[TradingRowErrorOut]


def _complaint_public(c) -> dict:
    return {
        "id": c.pk,
        "complainant": selectors.public_complainant(c),
        "matters": c.matters,
        "state": c.state,
        "outcome": c.outcome,
        "outcome_label": str(c.get_outcome_display()) if c.outcome else "",
        "decision": c.decision_text or c.reject_reason,
        "decided_at": c.decided_at,
    }


@router.get("", response=TradingProjectPage, summary="公共资源交易项目")
def list_projects(
    request,
    q: str = Query("", max_length=100, description="项目名称、编号、招标人或中标人"),
    category: str = Query(
        "", max_length=16, description="engineering | procurement | land_mineral | state_property"
    ),  # fmt: skip
    stage: str = Query("", max_length=12, description="tendering | result | contracted"),
    agency_id: int | None = id_param("监管部门（含下级机关）"),
    date_from: dt.date | None = DATE_FROM,
    date_to: dt.date | None = DATE_TO,
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    rows = selectors.public_projects(
        q=q, category=category, stage=stage, agency_id=agency_id,
        date_from=date_from, date_to=date_to,
    )  # fmt: skip
    return page(rows, limit, offset)


@router.get("/blacklist", response=TradingBlacklistPage, summary="公共资源交易黑名单（公布期内）")
def list_blacklist(
    request,
    q: str = Query("", max_length=100, description="主体名称或统一社会信用代码"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    return page(selectors.in_force_blacklist(q=q), limit, offset)


@router.get("/{int:project_id}", response=TradingProjectDetailOut, summary="交易项目及公告")
def get_project(request, project_id: int):
    project = selectors.public_project(project_id)
    if project is None:
        raise NotFound(_("该交易项目不存在。"))
    return project


@router.post(
    "/{int:project_id}/complaints",
    auth=signed_in,
    response={201: TradingComplaintOut},
    summary="提交投诉（登录的供应商）",
)
def file_complaint(request, project_id: int, payload: TradingComplaintIn):
    project = selectors.public_project(project_id)
    if project is None:
        raise NotFound(_("该交易项目不存在。"))
    data = payload.dict()
    complaint = services.file_complaint(
        complainant=request.auth, project=project,
        announcement_id=data.pop("announcement_id"), **data,
    )  # fmt: skip
    return Status(201, complaint)


def _my_complaint(request, complaint_id: int):
    complaint = selectors.my_complaint(request.auth, complaint_id)
    if complaint is None:
        raise NotFound(_("该投诉不存在。"))
    return complaint


@router.get(
    "/complaints/{int:complaint_id}",
    auth=signed_in,
    response=TradingComplaintOut,
    summary="我的投诉（投诉人本人，含补正通知）",
)
def my_complaint(request, complaint_id: int):
    return _my_complaint(request, complaint_id)


@router.post(
    "/complaints/{int:complaint_id}/correction",
    auth=signed_in,
    response=TradingComplaintOut,
    summary="提交补正（投诉人本人）",
    description="收到补正通知后提交补正内容；审查期限恢复计算。没有待补正事项时 422。",
)
def submit_correction(request, complaint_id: int, payload: TradingCorrectionIn):
    services.submit_correction(
        actor=request.auth, complaint=_my_complaint(request, complaint_id), text=payload.text
    )
    return _my_complaint(request, complaint_id)


@router.post(
    "/staff/import",
    auth=staff_token,
    response=TradingImportReportOut,
    summary="导入交易平台数据（返回新增、更新、未变、失败条数）",
)
def import_feed(request, payload: TradingImportIn):
    agency = selectors.staff_agencies(request.auth).filter(pk=payload.agency_id).first()
    if agency is None:
        raise ValidationError({"agency_id": [_("没有该机关，或不在您的权限范围内。")]})
    if payload.format not in FeedFormat.values:
        raise ValidationError({"format": [_("格式应为 csv 或 json。")]})
    return harvest.import_feed(
        data=payload.content.encode(), fmt=payload.format, platform=payload.platform,
        actor=request.auth, scope=agency, origin="api",
    )  # fmt: skip


@router.get(
    "/staff/complaints",
    auth=staff_token,
    response=list[TradingStaffComplaintOut],
    summary="投诉队列（含期限）",
)
def staff_complaints(request, state: str = Query("", max_length=10)):
    return selectors.complaint_queue(request.auth, state=state)


_staff = StaffLookup(
    selectors.complaint_for_staff, gettext_lazy("该投诉不存在，或不在您的权限范围内。")
)


def _act(user, complaint, p: TradingComplaintActIn):
    match p.action:
        case "request_correction":
            return services.request_correction(
                actor=user, complaint=complaint, items=p.items, due=p.due
            )
        case "accept":
            return services.accept_complaint(actor=user, complaint=complaint)
        case "reject":
            return services.reject_complaint(actor=user, complaint=complaint, reason=p.reason)
        case "decide":
            return services.decide_complaint(
                actor=user, complaint=complaint, outcome=p.outcome, decision=p.decision
            )
        case "pause":
            return services.pause_decision(actor=user, complaint=complaint, reason=p.reason)
        case "resume":
            return services.resume_decision(actor=user, complaint=complaint)
    raise ValidationError({"action": [_("未知的操作。")]})


@router.post(
    "/staff/complaints/{int:complaint_id}/transition",
    auth=staff_token,
    response=TradingComplaintOut,
    summary="投诉的处理（通知补正、受理、不予受理、处理决定、暂停、恢复计时）",
    description=(
        "request_correction 一次性通知补正（items、due），审查期限暂停至投诉人补正；"
        "等待补正时不能 accept，逾期未补正可 reject。"
    ),
)
def transition_complaint(request, complaint_id: int, payload: TradingComplaintActIn):
    return _staff.act(request, complaint_id, lambda c: _act(request.auth, c, payload))
