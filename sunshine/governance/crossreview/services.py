"""Writes of 交叉互评: rounds, participants, assignments (by hand or balanced and rotating),
starting the review (each sheet on its clock) and publishing the results. Each act checks its
permission and writes its audit event in the same transaction; refusals are ValidationErrors
naming the field. Score sheets are in sheets.py, the indicator scheme in scheme.py."""

import secrets
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import can, require
from sunshine.kernel.accounts.models import User
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.draw import canonical_json, rng_for, seed_for
from sunshine.kernel.moderation.checks import contains_markup
from sunshine.kernel.notify.services import notify
from sunshine.kernel.workflow.services import transition

from . import results as arithmetic
from .choices import (
    NAME_MAX,
    OPEN_SHEET_STATES,
    SUBMIT_DAYS_MAX,
    TEXT_MAX,
    RoundState,
    SheetState,
)
from .models import (
    ReviewAssignment,
    ReviewIndicatorResult,
    ReviewResult,
    ReviewRound,
    ReviewScore,
)
from .rules import SUBMIT
from .scheme import create_indicators, default_rows, previous_round, rows_of

S = RoundState


def _text(errors: dict, name: str, value, *, required=False, limit=TEXT_MAX) -> str:
    value = str(value or "").strip()
    if required and not value:
        errors[name] = _("此项必填。")
    elif len(value) > limit:
        errors[name] = _("不能超过%(n)s个字。") % {"n": limit}
    elif contains_markup(value):
        errors[name] = _("不能包含网页代码（HTML）。")
    return value


def _submit_days(errors: dict, value):
    if value in (None, ""):
        return None
    try:
        days = int(value)
    except (TypeError, ValueError):
        errors["submit_days"] = _("请填写整数。")
        return None
    if not 1 <= days <= SUBMIT_DAYS_MAX:
        errors["submit_days"] = _("评分期限须为1至%(n)s个工作日。") % {"n": SUBMIT_DAYS_MAX}
    return days


def _within(round_: ReviewRound, agency) -> bool:
    return agency is not None and agency.path.startswith(round_.agency.path)


def _lock(round_: ReviewRound) -> ReviewRound:
    return ReviewRound.objects.select_for_update().get(pk=round_.pk)


def _round_url(round_) -> str:
    return reverse("workbench:crossreview_detail", args=[round_.pk])


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
    name = _text(errors, "name", name, required=True, limit=NAME_MAX)
    description = _text(errors, "description", description)
    days = _submit_days(errors, submit_days)
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
    round_ = _lock(round_)
    if round_.state != S.DRAFT:
        raise ValidationError(_("评审开始后不能再修改。"))
    errors: dict = {}
    name = _text(errors, "name", name, required=True, limit=NAME_MAX)
    description = _text(errors, "description", description)
    days = _submit_days(errors, submit_days)
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
    round_ = _lock(round_)
    if round_.state != S.DRAFT:
        raise ValidationError(_("评审开始后不能再修改参评单位。"))
    agencies = list(agencies)
    outside = [a.name for a in agencies if not _within(round_, a) or a.pk == round_.agency_id]
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


# --- Assignments -----------------------------------------------------------------------------


def _check_pair(round_, reviewed, reviewer_agency, reviewer) -> None:
    errors: dict = {}
    if reviewed is None:
        errors["reviewed_agency"] = _("请选择被评单位。")
    elif not _within(round_, reviewed):
        errors["reviewed_agency"] = _("被评单位不在本轮互评范围内。")
    if reviewer_agency is None:
        errors["reviewer_agency"] = _("请选择评审单位。")
    elif not _within(round_, reviewer_agency):
        errors["reviewer_agency"] = _("评审单位不在本轮互评范围内。")
    elif reviewed is not None and reviewer_agency.pk == reviewed.pk:
        errors["reviewer_agency"] = _("单位不能评审自己。")
    if reviewer is not None and reviewer_agency is not None:
        if not (
            reviewer.is_active
            and reviewer.is_government_staff
            and can(reviewer, "crossreview.score", SimpleNamespace(agency=reviewer_agency))
        ):
            errors["reviewer"] = _("该工作人员不能代表评审单位评分。")
    if (
        not errors
        and ReviewAssignment.objects.filter(
            round=round_, reviewed_agency=reviewed, reviewer_agency=reviewer_agency
        ).exists()
    ):
        errors["reviewer_agency"] = _("该评审单位已分配评审此单位。")
    if errors:
        raise ValidationError(errors)


def _start_sheet_clock(round_, assignment, actor) -> None:
    start_clock(
        obj=assignment,
        rule=SUBMIT,
        agency=assignment.reviewer_agency,
        actor=actor,
        length=round_.submit_days,
    )


def scorers(assignment) -> list:
    """Who is told about an assignment: its named reviewer, else the reviewing agency's staff
    who may score."""
    if assignment.reviewer_id:
        return [assignment.reviewer]
    staff = User.objects.filter(
        grants__agency_id=assignment.reviewer_agency_id, is_active=True, kind=User.Kind.STAFF
    ).distinct()
    target = SimpleNamespace(agency=assignment.reviewer_agency)
    return [u for u in staff if can(u, "crossreview.score", target)]


def _tell_reviewers(round_, assignments) -> None:
    for a in assignments:
        notify(
            event="crossreview.assigned",
            recipients=scorers(a),
            subject=_("交叉互评：请为%(agency)s评分") % {"agency": a.reviewed_agency.name},
            body=_("%(round)s已开始，请在期限内填写并提交评分表。") % {"round": round_.name},
            obj=a,
            url=reverse("workbench:crossreview_sheet", args=[a.pk]),
        )


@transaction.atomic
def assign(
    *, actor, round_: ReviewRound, reviewed_agency, reviewer_agency, reviewer=None
) -> ReviewAssignment:
    """One reviewing agency (optionally one named reviewer of it) for one reviewed agency.
    While the round is under review the new sheet's clock starts at once."""
    require(actor, "crossreview.manage", round_)
    round_ = _lock(round_)
    if round_.state == S.PUBLISHED:
        raise ValidationError(_("结果已发布，不能再分配。"))
    _check_pair(round_, reviewed_agency, reviewer_agency, reviewer)
    assignment = ReviewAssignment.objects.create(
        round=round_,
        reviewed_agency=reviewed_agency,
        reviewer_agency=reviewer_agency,
        reviewer=reviewer,
        created_at=clock.now(),
    )
    record_event(
        action="crossreview.assign",
        actor=actor,
        obj=assignment,
        summary=str(assignment),
        data={
            "round": round_.pk,
            "reviewed": reviewed_agency.pk,
            "reviewer_agency": reviewer_agency.pk,
            "reviewer": reviewer.pk if reviewer else None,
        },
    )
    if round_.state == S.REVIEWING:
        _start_sheet_clock(round_, assignment, actor)
        _tell_reviewers(round_, [assignment])
    return assignment


@transaction.atomic
def auto_assign(
    *, actor, round_: ReviewRound, per_agency: int = 2, announced_number: str = ""
) -> list[ReviewAssignment]:
    """A balanced, rotating assignment among the participants (a draft round; it replaces the
    round's assignments): the participants in a random order drawn by the kernel's
    reproducible recipe (kernel/draw: inputs = the participants' ids and `per_agency`, seed =
    sha256(inputs | announced number)); the agency at place p is reviewed by the next
    `per_agency` places, cyclically. So every participant reviews exactly `per_agency` others
    and is reviewed by exactly `per_agency`, and never itself."""
    require(actor, "crossreview.manage", round_)
    round_ = _lock(round_)
    if round_.state != S.DRAFT:
        raise ValidationError(_("评审开始后不能再自动分配。"))
    participants = sorted(round_.participants.all(), key=lambda a: a.pk)
    try:
        per_agency = int(per_agency)
    except (TypeError, ValueError):
        per_agency = 0
    if per_agency < 1:
        raise ValidationError({"per_agency": _("每个单位的评审单位数至少为1。")})
    if len(participants) < per_agency + 1:
        raise ValidationError(
            {
                "per_agency": _("参评单位须多于每个单位的评审单位数（现有%(n)s个参评单位）。")
                % {"n": len(participants)}
            }
        )
    number = (announced_number or "").strip()[:32] or f"{secrets.randbelow(10**6):06d}"
    inputs = canonical_json({"participants": [a.pk for a in participants], "per": per_agency})
    seed = seed_for(inputs, number)
    order = list(participants)
    rng_for(seed).shuffle(order)
    round_.assignments.all().delete()
    now, n = clock.now(), len(order)
    created = ReviewAssignment.objects.bulk_create(
        ReviewAssignment(
            round=round_,
            reviewed_agency=order[p],
            reviewer_agency=order[(p + k) % n],
            created_at=now,
        )
        for p in range(n)
        for k in range(1, per_agency + 1)
    )
    round_.assignment_seed = seed
    round_.save(update_fields=["assignment_seed"])
    record_event(
        action="crossreview.auto_assign",
        actor=actor,
        obj=round_,
        summary=_("轮换分配：每个单位由%(k)s个单位评审") % {"k": per_agency},
        data={
            "inputs": inputs,
            "announced_number": number,
            "seed": seed,
            "pairs": [[a.reviewer_agency_id, a.reviewed_agency_id] for a in created],
        },
    )
    return created


@transaction.atomic
def remove_assignment(*, actor, assignment: ReviewAssignment, reason: str = "") -> None:
    """Take an assignment back: deleted while the round is a draft; under review it is
    withdrawn with its reason (kept, its clock stopped, its scores not counted)."""
    round_ = assignment.round
    require(actor, "crossreview.manage", round_)
    round_ = _lock(round_)
    assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    if round_.state == S.PUBLISHED:
        raise ValidationError(_("结果已发布，不能再撤销分配。"))
    if round_.state == S.DRAFT:
        record_event(
            action="crossreview.unassign", actor=actor, obj=assignment, summary=str(assignment)
        )
        assignment.delete()
        return
    errors: dict = {}
    reason = _text(errors, "reason", reason, required=True, limit=500)
    if errors:
        raise ValidationError(errors)
    if assignment.state == SheetState.WITHDRAWN:
        raise ValidationError(_("该分配已撤销。"))
    before = assignment.state
    assignment.state, assignment.withdrawn_reason = SheetState.WITHDRAWN, reason
    assignment.save(update_fields=["state", "withdrawn_reason"])
    running = open_clock(assignment, SUBMIT)
    if running:
        stop_clock(clock=running, actor=actor, outcome="withdrawn", authorize=False)
    record_event(
        action="crossreview.withdraw",
        actor=actor,
        obj=assignment,
        summary=reason,
        before={"state": before},
        after={"state": SheetState.WITHDRAWN},
    )


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
        _start_sheet_clock(round_, a, actor)
    _tell_reviewers(round_, assignments)
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
