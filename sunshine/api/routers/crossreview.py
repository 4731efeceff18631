"""交叉互评 (staff only, token): the rounds the caller may see, a round with its indicator
scheme and progress, starting the review and publishing the results (the general office), and
the results — all of them for the organiser, a reviewed agency only its own. Results are the
ones stored at publication: per agency the weighted total (0–100), rank and number of
reviewers, and per indicator the average score and weighted points (with the reviewers'
comments on the single-result endpoint; the reviewing agencies are named to the organiser only).

Refusals are the common JSON errors: 404 outside the caller's scope, 403 without the right,
422 naming what is missing (weights not adding up to 100, sheets not submitted), and 409 when
the round's state does not allow the act (starting twice, publishing a draft)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema
from ninja.errors import HttpError

from sunshine.governance.crossreview import selectors, services
from sunshine.governance.crossreview.choices import RoundState

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..pagination import limit_param, offset_param, page, year_param

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


class RoundOut(RoundSummary):
    description: str
    indicators: list[IndicatorOut]
    # The general office's view; null for a reviewer or a reviewed agency.
    progress: ProgressOut | None


class IndicatorResultOut(Schema):
    code: str
    name: str
    group: str
    weight: Decimal
    max_score: Decimal
    average: Decimal
    points: Decimal


class CommentOut(Schema):
    reviewer: str
    text: str


class IndicatorResultDetail(IndicatorResultOut):
    comments: list[CommentOut]


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
    comments: list[CommentOut]
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
    return {
        **_summary(round_),
        "description": round_.description,
        "indicators": selectors.indicators(round_),
        "progress": (
            selectors.progress(round_) if selectors.may_manage(request.auth, round_) else None
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
