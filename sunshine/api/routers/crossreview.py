"""交叉互评 (staff only, token): the rounds the caller may see, a round with its indicator
scheme and progress; the general office's acts (create a round, its indicators and participants,
assignments by hand or rotating, withdraw or return a sheet, start, publish); a reviewer's own
score sheets (read, save as a draft, submit); and the results — all of them for the organiser, a reviewed agency only its own. Results are the
ones stored at publication: per agency the weighted total (0–100), rank and number of
reviewers, and per indicator the average score and weighted points (with the reviewers'
comments on the single-result endpoint; the reviewing agencies are named to the organiser only).

Refusals are the common JSON errors: 404 outside the caller's scope, 403 without the right,
422 naming what is missing (weights not adding up to 100, sheets not submitted), and 409 when
the round's state does not allow the act (starting twice, publishing a draft)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from sunshine.governance.crossreview import scheme, selectors, services, sheets
from sunshine.governance.crossreview.choices import RoundState
from sunshine.kernel.accounts.models import User
from sunshine.kernel.deadlines.selectors import live_urgency
from sunshine.kernel.orgs.models import Agency

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..pagination import MAX_ID, limit_param, offset_param, page, year_param

router = Router(tags=["crossreview"], auth=staff_token)


def _local(value):
    return timezone.localtime(value) if value else None


class RoundSummary(Schema):
    id: int
    year: int
    name: str
    agency_id: int
    agency_name: str
    state: str
    state_label: str
    submit_days: int | None
    started_at: dt.datetime | None
    published_at: dt.datetime | None


def _summary(r) -> dict:
    return {
        "id": r.pk,
        "year": r.year,
        "name": r.name,
        "agency_id": r.agency_id,
        "agency_name": r.agency.name,
        "state": r.state,
        "state_label": str(r.get_state_display()),
        "submit_days": r.submit_days,
        "started_at": _local(r.started_at),
        "published_at": _local(r.published_at),
    }


class RoundPage(Schema):
    count: int
    items: list[RoundSummary]


class IndicatorOut(Schema):
    id: int
    group_code: str
    group: str
    code: str
    name: str
    criteria: str
    weight: Decimal
    max_score: Decimal


class ProgressOut(Schema):
    total: int
    submitted: int
    draft: int
    pending: int
    withdrawn: int
    percent: int


class ReviewAgencyRef(Schema):
    id: int
    name: str


class RoundOut(RoundSummary):
    description: str
    indicators: list[IndicatorOut]
    # The general office's view; null for a reviewer or a reviewed agency.
    progress: ProgressOut | None
    participants: list[ReviewAgencyRef] | None


class IndicatorResultOut(Schema):
    code: str
    name: str
    group: str
    weight: Decimal
    max_score: Decimal
    average: Decimal
    points: Decimal


class ReviewCommentOut(Schema):
    reviewer: str
    text: str


class IndicatorResultDetail(IndicatorResultOut):
    comments: list[ReviewCommentOut]


class ResultOut(Schema):
    round_id: int
    year: int
    agency_id: int
    agency_name: str
    total: Decimal
    rank: int
    reviewer_count: int
    indicators: list[IndicatorResultOut]


class ResultDetail(ResultOut):
    indicators: list[IndicatorResultDetail]
    comments: list[ReviewCommentOut]
    reviewed_count: int


class ResultPage(Schema):
    count: int
    items: list[ResultOut]


def _indicator_line(r) -> dict:
    i = r.indicator
    return {
        "code": i.code,
        "name": i.name,
        "group": i.group,
        "weight": i.weight,
        "max_score": i.max_score,
        "average": r.average,
        "points": r.points,
    }


def _result(result) -> dict:
    return {
        "round_id": result.round_id,
        "year": result.round.year,
        "agency_id": result.agency_id,
        "agency_name": result.agency.name,
        "total": result.total,
        "rank": result.rank,
        "reviewer_count": result.reviewer_count,
        "indicators": [
            _indicator_line(r) for r in result.indicator_results.select_related("indicator")
        ],
    }


_round = StaffLookup(
    selectors.round_for_staff, gettext_lazy("该互评不存在，或不在您的权限范围内。")
)


def _detail(request, round_) -> dict:
    office = selectors.may_manage(request.auth, round_)
    return {
        **_summary(round_),
        "description": round_.description,
        "indicators": selectors.indicators(round_),
        "progress": selectors.progress(round_) if office else None,
        "participants": (
            [{"id": a.pk, "name": a.name} for a in round_.participants.order_by("path")]
            if office
            else None
        ),
    }


@router.get("", response=RoundPage, summary="交叉互评（本人可见的各轮）")
def list_rounds(
    request,
    year: int | None = year_param("年度"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    return page(selectors.rounds_for_staff(request.auth, year=year), limit, offset, _wrap)


def _wrap(rounds) -> list[dict]:
    return [_summary(r) for r in rounds]


@router.get("/{int:round_id}", response=RoundOut, summary="一轮互评：评分指标和进度")
def get_round(request, round_id: int):
    return _detail(request, _round(request, round_id))


def _transition(request, round_id: int, source: str, perform):
    round_ = _round(request, round_id)
    if not selectors.may_manage(request.auth, round_):
        raise PermissionDenied(_("只有组织互评的办公厅可以执行此操作。"))
    if round_.state != source:
        raise HttpError(
            409, _("本轮互评当前为“%(state)s”。") % {"state": round_.get_state_display()}
        )
    perform(round_)
    return _detail(request, _round(request, round_id))


@router.post("/{int:round_id}/start", response=RoundOut, summary="开始评审（各评分表开始计时）")
def start_round(request, round_id: int):
    return _transition(
        request,
        round_id,
        RoundState.DRAFT,
        lambda r: services.start_round(actor=request.auth, round_=r),
    )


@router.post("/{int:round_id}/publish", response=RoundOut, summary="发布结果（向各被评单位）")
def publish_round(request, round_id: int):
    return _transition(
        request,
        round_id,
        RoundState.REVIEWING,
        lambda r: services.publish_round(actor=request.auth, round_=r),
    )


@router.get(
    "/{int:round_id}/results",
    response=ResultPage,
    summary="互评结果（办公厅：全部；被评单位：本单位）",
)
def round_results(
    request, round_id: int, limit: int = limit_param(50), offset: int = offset_param()
):
    round_ = _round(request, round_id)
    qs = selectors.results_for_staff(request.auth, round_)
    return page(qs, limit, offset, lambda rows: [_result(r) for r in rows])


@router.get(
    "/{int:round_id}/results/{int:agency_id}",
    response=ResultDetail,
    summary="一个被评单位的结果、各指标得分和评审意见",
)
def agency_result(request, round_id: int, agency_id: int):
    round_ = _round(request, round_id)
    result = selectors.result_for_staff(request.auth, round_, agency_id)
    if result is None:
        raise NotFound(_("该单位的互评结果不存在，或不在您的权限范围内。"))
    view = selectors.result_view(result, named=selectors.may_manage(request.auth, round_))
    return {
        **_result(result),
        "indicators": [
            {
                **_indicator_line(line),
                "comments": [{"reviewer": who, "text": text} for who, text in line.comments],
            }
            for line in view.lines
        ],
        "comments": [{"reviewer": who, "text": text} for who, text in view.overall],
        "reviewed_count": view.reviewed_count,
    }


# --- The general office: the round, its scheme, participants and assignments -----------------


def _managed(request, round_id: int):
    """The round, for the general office that organises it (404 outside the caller's scope,
    403 for a reviewer or a reviewed agency)."""
    round_ = _round(request, round_id)
    if not selectors.may_manage(request.auth, round_):
        raise PermissionDenied(_("只有组织互评的办公厅可以执行此操作。"))
    return round_


def _agency(pk: int | None, field: str):
    """A request body's agency id: 422 naming the field when there is no such agency."""
    agency = Agency.objects.filter(pk=pk).first() if pk and 1 <= pk <= MAX_ID else None
    if agency is None:
        raise DjangoValidationError({field: _("没有这个单位。")})
    return agency


class ReviewRoundIn(Schema):
    agency_id: int
    year: int
    name: str
    description: str = ""
    submit_days: int | None = None
    copy_previous: bool = True


@router.post(
    "", response={201: RoundOut}, summary="新建一轮互评（草稿；指标沿用上一轮，或默认方案）"
)
def create_round(request, payload: ReviewRoundIn):
    round_ = services.create_round(
        actor=request.auth,
        agency=_agency(payload.agency_id, "agency_id"),
        year=payload.year,
        name=payload.name,
        description=payload.description,
        submit_days=payload.submit_days,
        copy_previous=payload.copy_previous,
    )
    return Status(201, _detail(request, _round(request, round_.pk)))


class ReviewRoundEdit(Schema):
    name: str
    description: str = ""
    submit_days: int | None = None


@router.put("/{int:round_id}", response=RoundOut, summary="修改名称、说明和评分期限（草稿）")
def update_round(request, round_id: int, payload: ReviewRoundEdit):
    round_ = _managed(request, round_id)
    services.update_round(
        actor=request.auth,
        round_=round_,
        name=payload.name,
        description=payload.description,
        submit_days=payload.submit_days,
    )
    return _detail(request, _round(request, round_id))


class ReviewIndicatorIn(Schema):
    id: int | None = None  # an existing indicator of the round; omitted for a new one
    code: str = ""
    group: str
    name: str
    criteria: str = ""
    weight: Decimal
    max_score: Decimal


class ReviewSchemeIn(Schema):
    indicators: list[ReviewIndicatorIn]


@router.put(
    "/{int:round_id}/indicators",
    response=RoundOut,
    summary="替换评分指标（草稿；权重合计须为100方可开始评审）",
)
def replace_indicators(request, round_id: int, payload: ReviewSchemeIn):
    """The whole scheme at once; refusals name the row (`weight_2`: the third row's weight)."""
    round_ = _managed(request, round_id)
    rows = [
        {**row.model_dump(), "weight": str(row.weight), "max_score": str(row.max_score)}
        for row in payload.indicators
    ]
    scheme.replace_indicators(actor=request.auth, round_=round_, rows=rows)
    return _detail(request, _round(request, round_id))


class ReviewParticipantsIn(Schema):
    agency_ids: list[int]


@router.put("/{int:round_id}/participants", response=RoundOut, summary="设置参评单位（草稿）")
def set_participants(request, round_id: int, payload: ReviewParticipantsIn):
    round_ = _managed(request, round_id)
    ids = sorted(set(payload.agency_ids))
    agencies = list(Agency.objects.filter(pk__in=[i for i in ids if 1 <= i <= MAX_ID]))
    unknown = sorted(set(ids) - {a.pk for a in agencies})
    if unknown:
        raise DjangoValidationError(
            {"agency_ids": _("没有这些单位：%(ids)s。") % {"ids": ", ".join(map(str, unknown))}}
        )
    services.set_participants(actor=request.auth, round_=round_, agencies=agencies)
    return _detail(request, _round(request, round_id))


class ReviewAssignmentOut(Schema):
    id: int
    reviewed_agency_id: int
    reviewed_agency_name: str
    reviewer_agency_id: int
    reviewer_agency_name: str
    reviewer_id: int | None
    reviewer_name: str
    state: str
    state_label: str
    due_at: dt.datetime | None
    urgency: str | None
    total: Decimal | None
    submitted_at: dt.datetime | None
    withdrawn_reason: str
    # 退回修改: the office's last reason and time (empty/null when never returned).
    returned_reason: str
    returned_at: dt.datetime | None


def _assignment(a) -> dict:
    return {
        "id": a.pk,
        "reviewed_agency_id": a.reviewed_agency_id,
        "reviewed_agency_name": a.reviewed_agency.name,
        "reviewer_agency_id": a.reviewer_agency_id,
        "reviewer_agency_name": a.reviewer_agency.name,
        "reviewer_id": a.reviewer_id,
        "reviewer_name": a.reviewer.display_name if a.reviewer_id else "",
        "state": a.state,
        "state_label": str(a.get_state_display()),
        "due_at": _local(getattr(a, "submit_due_at", None)),
        "urgency": getattr(a, "submit_urgency", None),
        "total": a.total,
        "submitted_at": _local(a.submitted_at),
        "withdrawn_reason": a.withdrawn_reason,
        "returned_reason": a.returned_reason,
        "returned_at": _local(a.returned_at),
    }


def _assignment_of(round_, assignment_id: int):
    """An assignment of the round as the office's list shows it (with its clock), or 404."""
    found = [a for a in selectors.assignments_of(round_) if a.pk == assignment_id]
    if not found:
        raise NotFound(_("本轮互评没有这个评审分配。"))
    return found[0]


class ReviewAssignmentList(Schema):
    assignment_seed: str
    items: list[ReviewAssignmentOut]


def _assignments(round_) -> dict:
    round_.refresh_from_db(fields=["assignment_seed"])
    return {
        "assignment_seed": round_.assignment_seed or "",
        "items": [_assignment(a) for a in selectors.assignments_of(round_)],
    }


@router.get(
    "/{int:round_id}/assignments",
    response=ReviewAssignmentList,
    summary="评审分配和各评分表的进度（办公厅）",
)
def list_assignments(request, round_id: int):
    return _assignments(_managed(request, round_id))


class ReviewAssignIn(Schema):
    reviewed_agency_id: int
    reviewer_agency_id: int
    reviewer_id: int | None = None


@router.post(
    "/{int:round_id}/assignments",
    response={201: ReviewAssignmentOut},
    summary="指定评审单位（评审中分配的，评分表立即开始计时）",
)
def assign(request, round_id: int, payload: ReviewAssignIn):
    round_ = _managed(request, round_id)
    reviewer = None
    if payload.reviewer_id is not None:
        reviewer = (
            User.objects.filter(pk=payload.reviewer_id).first()
            if 1 <= payload.reviewer_id <= MAX_ID
            else None
        )
        if reviewer is None:
            raise DjangoValidationError({"reviewer_id": _("没有这个工作人员。")})
    created = services.assign(
        actor=request.auth,
        round_=round_,
        reviewed_agency=_agency(payload.reviewed_agency_id, "reviewed_agency_id"),
        reviewer_agency=_agency(payload.reviewer_agency_id, "reviewer_agency_id"),
        reviewer=reviewer,
    )
    return Status(201, _assignment(_assignment_of(round_, created.pk)))


class ReviewAutoAssignIn(Schema):
    per_agency: int = 2
    announced_number: str = ""


@router.post(
    "/{int:round_id}/auto-assign",
    response=ReviewAssignmentList,
    summary="轮换分配（草稿；可复现的抽签，替换现有分配）",
)
def auto_assign(request, round_id: int, payload: ReviewAutoAssignIn):
    round_ = _managed(request, round_id)
    services.auto_assign(
        actor=request.auth,
        round_=round_,
        per_agency=payload.per_agency,
        announced_number=payload.announced_number,
    )
    return _assignments(round_)


class ReviewReasonIn(Schema):
    reason: str = ""


@router.post(
    "/{int:round_id}/assignments/{int:assignment_id}/withdraw",
    response={200: ReviewAssignmentOut, 204: None},
    summary="撤销分配（草稿：删除，204；评审中：须说明理由，保留并停止计时）",
)
def withdraw(request, round_id: int, assignment_id: int, payload: ReviewReasonIn):
    round_ = _managed(request, round_id)
    assignment = _assignment_of(round_, assignment_id)
    services.remove_assignment(actor=request.auth, assignment=assignment, reason=payload.reason)
    if round_.state == RoundState.DRAFT:
        return Status(204, None)
    return _assignment(_assignment_of(round_, assignment_id))


@router.post(
    "/{int:round_id}/assignments/{int:assignment_id}/return",
    response=ReviewAssignmentOut,
    summary="退回修改（评审中已提交的评分表；须说明理由，重新计时）",
)
def return_sheet(request, round_id: int, assignment_id: int, payload: ReviewReasonIn):
    round_ = _managed(request, round_id)
    assignment = _assignment_of(round_, assignment_id)
    services.return_sheet(actor=request.auth, assignment=assignment, reason=payload.reason)
    return _assignment(_assignment_of(round_, assignment_id))


# --- A reviewer's own score sheets -----------------------------------------------------------


class ReviewSheetSummary(ReviewAssignmentOut):
    round_id: int
    round_name: str
    round_state: str


def _sheet_summary(a) -> dict:
    return {
        **_assignment(a),
        "round_id": a.round_id,
        "round_name": a.round.name,
        "round_state": a.round.state,
    }


class ReviewSheetPage(Schema):
    count: int
    items: list[ReviewSheetSummary]


@router.get(
    "/sheets", response=ReviewSheetPage, summary="我的评分表（pending=true：待评分和已暂存）"
)
def my_sheets(
    request,
    pending: bool = Query(False, description="true：只列待评分和已暂存的"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    if pending:
        rows = selectors.open_sheets_for_reviewer(request.auth)
        return {
            "count": len(rows),
            "items": [_sheet_summary(a) for a in rows[offset : offset + limit]],
        }
    qs = selectors.sheets_for_reviewer(request.auth)
    return page(
        qs,
        limit,
        offset,
        lambda rows: [_sheet_summary(a) for a in live_urgency(rows, prefix="submit")],
    )


class ReviewSheetLine(Schema):
    indicator_id: int
    code: str
    group: str
    name: str
    criteria: str
    weight: Decimal
    max_score: Decimal
    value: Decimal | None
    comment: str


class ReviewSheetOut(ReviewSheetSummary):
    comment: str
    lines: list[ReviewSheetLine]


_sheet = StaffLookup(
    selectors.sheet_for_reviewer, gettext_lazy("该评分表不存在，或您不是它的评审人。")
)


def _sheet_out(request, sheet_id: int) -> dict:
    a = live_urgency([_sheet(request, sheet_id)], prefix="submit")[0]
    return {
        **_sheet_summary(a),
        "comment": a.comment,
        "lines": [
            {
                "indicator_id": row.indicator.pk,
                "code": row.indicator.code,
                "group": row.indicator.group,
                "name": row.indicator.name,
                "criteria": row.indicator.criteria,
                "weight": row.indicator.weight,
                "max_score": row.indicator.max_score,
                "value": row.value,
                "comment": row.comment,
            }
            for row in selectors.sheet_rows(a)
        ],
    }


@router.get("/sheets/{int:sheet_id}", response=ReviewSheetOut, summary="一份评分表（本人的）")
def get_sheet(request, sheet_id: int):
    return _sheet_out(request, sheet_id)


class ReviewSheetIn(Schema):
    # Keyed by the indicator's code (as in the sheet's lines); a score as typed, e.g. "8.5".
    scores: dict[str, str | int | float | None] = {}
    comments: dict[str, str] = {}
    comment: str = ""
    submit: bool = False


@router.post(
    "/sheets/{int:sheet_id}",
    response=ReviewSheetOut,
    summary="暂存或提交评分表（submit=true：每项须评分，提交后不能再改）",
)
def save_sheet(request, sheet_id: int, payload: ReviewSheetIn):
    """Refusals name `scores.<code>`, `comments.<code>` or `comment`; nothing is saved then."""
    assignment = _sheet(request, sheet_id)
    by_code = {i.code: i for i in assignment.round.indicators.all()}
    unknown = sorted((set(payload.scores) | set(payload.comments)) - set(by_code))
    if unknown:
        raise DjangoValidationError(
            {f"scores.{code}": _("本轮互评没有这项指标。") for code in unknown}
        )
    scores = {by_code[c].pk: ("" if v is None else str(v)) for c, v in payload.scores.items()}
    comments = {by_code[c].pk: text for c, text in payload.comments.items()}
    try:
        sheets.save_sheet(
            actor=request.auth,
            assignment=assignment,
            scores=scores,
            comments=comments,
            comment=payload.comment,
            submit=payload.submit,
        )
    except DjangoValidationError as refused:
        raise _by_code(refused, by_code) from None
    return _sheet_out(request, sheet_id)


def _by_code(refused: DjangoValidationError, by_code: dict) -> DjangoValidationError:
    """The sheet service names its fields as the workbench form does (score_<indicator id>);
    the API names them by the indicator's code (scores.<code>, comments.<code>)."""
    if not hasattr(refused, "error_dict"):
        return refused
    codes = {str(i.pk): code for code, i in by_code.items()}
    renamed = {}
    for key, messages in refused.message_dict.items():
        prefix, _sep, pk = key.partition("_")
        if prefix in ("score", "comment") and pk in codes:
            key = f"{'scores' if prefix == 'score' else 'comments'}.{codes[pk]}"
        renamed[key] = messages
    return DjangoValidationError(renamed)
