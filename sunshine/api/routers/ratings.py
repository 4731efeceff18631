"""好差评: the public satisfaction summary and published 差评整改 outcomes, for anyone; the
cases and their steps for staff (token), through the same selectors and services as the
workbench. Who rated is never in a public answer."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema

from sunshine.kernel.accounts.masking import mask_personal_data
from sunshine.kernel.ratings import selectors, services
from sunshine.kernel.ratings.registry import kind_label

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import limit_param, offset_param, page

router = Router(tags=["ratings"])


def _local(value):
    return timezone.localtime(value) if value else None


class SummaryOut(Schema):
    total: int
    counts: dict[str, int]
    bad: int
    satisfaction_rate: float | None
    default_count: int


class AgencySummaryOut(SummaryOut):
    agency_id: int
    agency_name: str


class PublicSummary(SummaryOut):
    agencies: list[AgencySummaryOut]


@router.get("/summary", response=PublicSummary, summary="满意度统计（公开）")
def summary(
    request,
    kind: str | None = Query(None, description="评价对象类型，如 service_application"),
    since: dt.date | None = None,
    until: dt.date | None = None,
):
    total = selectors.satisfaction_summary(kind=kind, since=since, until=until)
    agencies = selectors.satisfaction_by_agency(kind=kind, since=since, until=until)
    return {**total, "agencies": agencies}


class OutcomeOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    agency_id: int
    agency_name: str
    level: str
    level_label: str
    outcome: str
    published_at: dt.datetime
    url: str

    @staticmethod
    def resolve_kind_label(obj):
        return kind_label(obj.kind)

    @staticmethod
    def resolve_title(obj):
        return mask_personal_data(obj.title or "")

    @staticmethod
    def resolve_agency_name(obj):
        return obj.agency.name

    @staticmethod
    def resolve_level(obj):
        return obj.rating.level

    @staticmethod
    def resolve_level_label(obj):
        return str(obj.rating.get_level_display())

    @staticmethod
    def resolve_outcome(obj):
        return obj.outcome_text

    @staticmethod
    def resolve_published_at(obj):
        return _local(obj.published_at)

    @staticmethod
    def resolve_url(obj):
        return portal_url("ratings_hcp_case", obj.pk)


class OutcomePage(Schema):
    count: int
    items: list[OutcomeOut]


@router.get("/outcomes", response=OutcomePage, summary="公示的差评整改结果")
def outcomes(
    request,
    kind: str | None = None,
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    qs = selectors.published_cases(kind=kind)
    return page(qs, limit, offset)


@router.get("/outcomes/{case_id}", response=OutcomeOut, summary="一条公示的整改结果")
def outcome(request, case_id: int):
    case = selectors.published_case(case_id)
    if case is None:
        raise NotFound(_("该整改结果不存在或尚未公示。"))
    return case


# --- staff


class CaseOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    agency_id: int
    agency_name: str
    state: str
    state_label: str
    level: str
    comment: str
    is_real_name: bool
    opened_at: dt.datetime
    due_at: dt.datetime | None
    urgency: str | None
    callback_at: dt.datetime | None
    callback_reached: bool | None
    founded: bool | None
    rectified_at: dt.datetime | None
    published_at: dt.datetime | None

    @staticmethod
    def resolve_kind_label(obj):
        return kind_label(obj.kind)

    @staticmethod
    def resolve_agency_name(obj):
        return obj.agency.name

    @staticmethod
    def resolve_state_label(obj):
        return str(obj.get_state_display())

    @staticmethod
    def resolve_level(obj):
        return obj.rating.level

    @staticmethod
    def resolve_comment(obj):
        return obj.rating.comment

    @staticmethod
    def resolve_is_real_name(obj):
        return obj.rating.is_real_name

    @staticmethod
    def resolve_opened_at(obj):
        return _local(obj.opened_at)

    @staticmethod
    def resolve_due_at(obj):
        return _local(obj.clock.due_at) if obj.clock_id else None

    @staticmethod
    def resolve_urgency(obj):
        return obj.clock.urgency if obj.clock_id and obj.clock.is_open else None

    @staticmethod
    def resolve_callback_at(obj):
        return _local(obj.callback_at)

    @staticmethod
    def resolve_rectified_at(obj):
        return _local(obj.rectified_at)

    @staticmethod
    def resolve_published_at(obj):
        return _local(obj.published_at)


class CaseDetail(CaseOut):
    callback_note: str
    verification_note: str
    rectification_note: str
    outcome_text: str


class CasePage(Schema):
    count: int
    items: list[CaseOut]


@router.get("/cases", response=CasePage, auth=staff_token, summary="差评整改（工作人员）")
def cases(
    request,
    state: str | None = Query(None, description="open = 未办结；或具体状态"),
    kind: str | None = None,
    limit: int = limit_param(50),
    offset: int = offset_param(),
):
    if state == "open":
        qs = selectors.open_cases(request.auth, kind=kind)
    else:
        qs = selectors.staff_cases(request.auth, kind=kind, state=state)
    return page(qs, limit, offset)


_staff_case = StaffLookup(
    selectors.case_for_staff, gettext_lazy("该差评整改不存在，或不在您的权限范围内。")
)


@router.get("/cases/{case_id}", response=CaseDetail, auth=staff_token, summary="一件差评整改")
def case_detail(request, case_id: int):
    return _staff_case(request, case_id)


class CallbackIn(Schema):
    reached: bool
    note: str


class VerifyIn(Schema):
    founded: bool
    note: str


class NoteIn(Schema):
    note: str


class CasePublishIn(Schema):
    text: str


@router.post("/cases/{case_id}/callback", response=CaseDetail, auth=staff_token, summary="登记回访")
def case_callback(request, case_id: int, payload: CallbackIn):
    case = _staff_case(request, case_id)
    return services.record_callback(case=case, actor=request.auth, **payload.dict())


@router.post("/cases/{case_id}/verify", response=CaseDetail, auth=staff_token, summary="登记核实")
def case_verify(request, case_id: int, payload: VerifyIn):
    case = _staff_case(request, case_id)
    return services.verify_case(case=case, actor=request.auth, **payload.dict())


@router.post("/cases/{case_id}/rectify", response=CaseDetail, auth=staff_token, summary="登记整改")
def case_rectify(request, case_id: int, payload: NoteIn):
    case = _staff_case(request, case_id)
    return services.record_rectification(case=case, actor=request.auth, note=payload.note)


@router.post("/cases/{case_id}/publish", response=CaseDetail, auth=staff_token, summary="公示结果")
def case_publish(request, case_id: int, payload: CasePublishIn):
    case = _staff_case(request, case_id)
    return services.publish_case_outcome(case=case, actor=request.auth, text=payload.text)
