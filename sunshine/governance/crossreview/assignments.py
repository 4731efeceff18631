"""Assignments of a cross-review round (评审分配): by hand, or balanced and rotating among the
participants with the kernel's reproducible draw; withdrawn with a reason once the review runs.
Each act checks `crossreview.manage` on the round and is audited in the same transaction."""

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
from sunshine.kernel.notify.services import notify

from .checks import clean_text, lock_round, within
from .choices import RoundState, SheetState
from .models import ReviewAssignment, ReviewRound
from .rules import SUBMIT

S = RoundState


def _check_pair(round_, reviewed, reviewer_agency, reviewer) -> None:
    errors: dict = {}
    if reviewed is None:
        errors["reviewed_agency"] = _("请选择被评单位。")
    elif not within(round_, reviewed):
        errors["reviewed_agency"] = _("被评单位不在本轮互评范围内。")
    if reviewer_agency is None:
        errors["reviewer_agency"] = _("请选择评审单位。")
    elif not within(round_, reviewer_agency):
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


def start_sheet_clock(round_, assignment, actor) -> None:
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


def tell_reviewers(round_, assignments) -> None:
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
    round_ = lock_round(round_)
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
        start_sheet_clock(round_, assignment, actor)
        tell_reviewers(round_, [assignment])
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
    round_ = lock_round(round_)
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
    round_ = lock_round(round_)
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
    reason = clean_text(errors, "reason", reason, required=True, limit=500)
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


@transaction.atomic
def return_sheet(*, actor, assignment: ReviewAssignment, reason: str) -> ReviewAssignment:
    """退回修改: the general office sends a submitted sheet back to its reviewer while the round
    is under review (a mistake found, an unclear score). The scores are kept as a draft, the
    sheet's total is cleared and a new clock starts (the round's 评分期限); the reviewer is
    told why, and the sheet shows the reason (`returned_reason`, `returned_at`)."""
    round_ = assignment.round
    require(actor, "crossreview.manage", round_)
    round_ = lock_round(round_)
    assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
    errors: dict = {}
    reason = clean_text(errors, "reason", reason, required=True, limit=500)
    if errors:
        raise ValidationError(errors)
    if round_.state != S.REVIEWING or assignment.state != SheetState.SUBMITTED:
        raise ValidationError(_("只有评审中已提交的评分表可以退回。"))
    before = {"state": assignment.state, "total": str(assignment.total)}
    assignment.state, assignment.total = SheetState.DRAFT, None
    assignment.submitted_at = assignment.submitted_by = None
    assignment.returned_reason, assignment.returned_at = reason, clock.now()
    assignment.save(
        update_fields=[
            "state",
            "total",
            "submitted_at",
            "submitted_by",
            "returned_reason",
            "returned_at",
        ]
    )
    start_sheet_clock(round_, assignment, actor)
    record_event(
        action="crossreview.return",
        actor=actor,
        obj=assignment,
        summary=reason,
        before=before,
        after={"state": SheetState.DRAFT},
    )
    notify(
        event="crossreview.returned",
        recipients=scorers(assignment),
        subject=_("交叉互评：评分表被退回（%(agency)s）")
        % {"agency": assignment.reviewed_agency.name},
        body=reason,
        obj=assignment,
        url=reverse("workbench:crossreview_sheet", args=[assignment.pk]),
    )
    return assignment
