"""Writes of 交叉互评: rounds, participants, starting the review (each sheet on its clock) and
publishing the results; the assignment acts (assignments.py) are re-exported here. Each act
checks its permission and writes its audit event in the same transaction; refusals are
ValidationErrors naming the field. Score sheets are in sheets.py, the indicator scheme in
scheme.py."""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.accounts.models import User
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.notify.services import notify
from sunshine.kernel.workflow.services import transition

from . import results as arithmetic
from .assignments import (  # noqa: F401  (the assignment acts are services too)
    assign,
    auto_assign,
    remove_assignment,
    return_sheet,
    scorers,
    start_sheet_clock,
    tell_reviewers,
)
from .checks import clean_submit_days, clean_text, lock_round, within
from .choices import NAME_MAX, OPEN_SHEET_STATES, RoundState, SheetState
from .models import ReviewIndicatorResult, ReviewResult, ReviewRound, ReviewScore
from .scheme import create_indicators, default_rows, previous_round, rows_of

S = RoundState


# --- Rounds ----------------------------------------------------------------------------------


@transaction.atomic
def create_round(
    *,
    actor,
    agency,
    year: int,
    name: str,
    description: str = "",
    submit_days=None,
    copy_previous: bool = True,
) -> ReviewRound:
    """A draft round organised by `agency` (the government whose general office runs it). Its
    indicators are copied from the organiser's previous round, or the default scheme."""
    require(actor, "crossreview.manage", SimpleNamespace(agency=agency))
    errors: dict = {}
    name = clean_text(errors, "name", name, required=True, limit=NAME_MAX)
    description = clean_text(errors, "description", description)
    days = clean_submit_days(errors, submit_days)
    try:
        year = int(year)
        if not 2000 <= year <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        errors["year"] = _("年度无效。")
    if not errors and ReviewRound.objects.filter(agency=agency, year=year, name=name).exists():
        errors["name"] = _("本年度已有同名的互评。")
    if errors:
        raise ValidationError(errors)
    source = previous_round(agency) if copy_previous else None
    round_ = ReviewRound.objects.create(
        agency=agency,
        year=year,
        name=name,
        description=description,
        submit_days=days,
        copied_from=source,
        created_by=actor,
        created_at=clock.now(),
    )
    create_indicators(round_, rows_of(source) if source else default_rows())
    record_event(
        action="crossreview.create",
        actor=actor,
        obj=round_,
        summary=name,
        data={"year": year, "copied_from": source.pk if source else None},
    )
    return round_


@transaction.atomic
def update_round(*, actor, round_: ReviewRound, name: str, description: str = "", submit_days=None):
    """Name, description and 评分期限 of a draft round."""
    require(actor, "crossreview.manage", round_)
    round_ = lock_round(round_)
    if round_.state != S.DRAFT:
        raise ValidationError(_("评审开始后不能再修改。"))
    errors: dict = {}
    name = clean_text(errors, "name", name, required=True, limit=NAME_MAX)
    description = clean_text(errors, "description", description)
    days = clean_submit_days(errors, submit_days)
    if (
        not errors
        and ReviewRound.objects.filter(agency=round_.agency, year=round_.year, name=name)
        .exclude(pk=round_.pk)
        .exists()
    ):
        errors["name"] = _("本年度已有同名的互评。")
    if errors:
        raise ValidationError(errors)
    before = {"name": round_.name, "submit_days": round_.submit_days}
    round_.name, round_.description, round_.submit_days = name, description, days
    round_.save(update_fields=["name", "description", "submit_days"])
    record_event(
        action="crossreview.update",
        actor=actor,
        obj=round_,
        before=before,
        after={"name": name, "submit_days": days},
    )
    return round_


@transaction.atomic
def set_participants(*, actor, round_: ReviewRound, agencies) -> ReviewRound:
    """The agencies taking part (each reviews others and is reviewed), for the balanced
    assignment; within the organiser's subtree, not the organiser itself."""
    require(actor, "crossreview.manage", round_)
    round_ = lock_round(round_)
    if round_.state != S.DRAFT:
        raise ValidationError(_("评审开始后不能再修改参评单位。"))
    agencies = list(agencies)
    outside = [a.name for a in agencies if not within(round_, a) or a.pk == round_.agency_id]
    if outside:
        raise ValidationError(
            {"agencies": _("不属于本轮互评范围：%(names)s。") % {"names": _("、").join(outside)}}
        )
    before = sorted(round_.participants.values_list("pk", flat=True))
    round_.participants.set(agencies)
    record_event(
        action="crossreview.participants",
        actor=actor,
        obj=round_,
        data={"before": before, "after": sorted(a.pk for a in agencies)},
    )
    return round_


# --- Start and publish -----------------------------------------------------------------------


@transaction.atomic
def start_round(*, actor, round_: ReviewRound) -> ReviewRound:
    """草稿 → 评审中: every sheet's clock starts (crossreview.submit, or the round's own
    评分期限) and its reviewers are told."""
    transition(obj=round_, name="start", actor=actor, set_fields={"started_at": clock.now()})
    assignments = list(
        round_.assignments.exclude(state=SheetState.WITHDRAWN).select_related(
            "reviewed_agency", "reviewer_agency", "reviewer"
        )
    )
    for a in assignments:
        start_sheet_clock(round_, a, actor)
    tell_reviewers(round_, assignments)
    return round_


def _outcomes(round_: ReviewRound) -> list[arithmetic.AgencyOutcome]:
    indicators = [
        arithmetic.Weighting(i.pk, i.weight, i.max_score) for i in round_.indicators.all()
    ]
    sheets: dict[int, list[dict]] = {}
    scores: dict[int, dict] = {}
    for s in ReviewScore.objects.filter(
        assignment__round=round_, assignment__state=SheetState.SUBMITTED
    ).values("assignment_id", "assignment__reviewed_agency_id", "indicator_id", "value"):
        sheet = scores.get(s["assignment_id"])
        if sheet is None:
            sheet = scores[s["assignment_id"]] = {}
            sheets.setdefault(s["assignment__reviewed_agency_id"], []).append(sheet)
        sheet[s["indicator_id"]] = s["value"]
    return arithmetic.rank(
        [
            arithmetic.agency_outcome(agency_id, indicators, agency_sheets)
            for agency_id, agency_sheets in sheets.items()
        ]
    )


@transaction.atomic
def publish_round(*, actor, round_: ReviewRound) -> ReviewRound:
    """评审中 → 已发布: the results are computed from the submitted sheets and stored (see
    results.py), and each reviewed agency's staff are told that theirs is there."""
    if (
        round_.state != S.REVIEWING
        or round_.assignments.filter(state__in=OPEN_SHEET_STATES).exists()
    ):
        # The workflow's guards say why (checked again under the lock by transition()).
        transition(obj=round_, name="publish", actor=actor)
    transition(obj=round_, name="publish", actor=actor, set_fields={"published_at": clock.now()})
    outcomes = _outcomes(round_)
    for o in outcomes:
        result = ReviewResult.objects.create(
            round=round_,
            agency_id=o.agency_id,
            total=o.total,
            reviewer_count=o.reviewer_count,
            rank=o.rank,
        )
        ReviewIndicatorResult.objects.bulk_create(
            ReviewIndicatorResult(
                result=result, indicator_id=i, average=o.averages[i], points=o.points[i]
            )
            for i in o.averages
        )
    record_event(
        action="crossreview.results",
        actor=actor,
        obj=round_,
        summary=_("发布互评结果 %(n)s 个单位") % {"n": len(outcomes)},
        data={"results": [[o.agency_id, str(o.total), o.rank] for o in outcomes]},
    )
    for result in round_.results.select_related("agency"):
        notify(
            event="crossreview.published",
            recipients=User.objects.filter(
                grants__agency_id=result.agency_id, is_active=True, kind=User.Kind.STAFF
            ).distinct(),
            subject=_("交叉互评结果已发布：%(round)s") % {"round": round_.name},
            body=_("本单位加权总分 %(total)s，排名第 %(rank)s 名。")
            % {"total": result.total, "rank": result.rank},
            obj=round_,
            url=reverse("workbench:crossreview_result", args=[round_.pk, result.agency_id]),
        )
    return round_
