"""Score sheets (评分表): a reviewer fills a score per indicator (0 to its max, two decimals at
most) with a comment, saves a draft as often as needed, and submits once every indicator is
scored. Submission stops the sheet's clock (on time or not, recorded by the kernel) and stores
the sheet's weighted total. Refusals name the fields: "score_<indicator id>",
"comment_<indicator id>", "comment" (the overall comment) — the workbench form's names."""

from decimal import Decimal, InvalidOperation
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import can
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import stop_clock
from sunshine.kernel.moderation.checks import contains_markup

from . import results as arithmetic
from .choices import COMMENT_MAX, OPEN_SHEET_STATES, TEXT_MAX, RoundState, SheetState
from .models import ReviewAssignment, ReviewScore
from .rules import SUBMIT


def may_score(user, assignment: ReviewAssignment) -> bool:
    """Whether `user` may fill this sheet: staff allowed to score for the reviewing agency,
    and the named reviewer when the assignment names one."""
    if not can(user, "crossreview.score", SimpleNamespace(agency=assignment.reviewer_agency)):
        return False
    return assignment.reviewer_id is None or assignment.reviewer_id == user.pk


def _value(errors: dict, key: str, raw, maximum: Decimal, *, required: bool):
    raw = "" if raw is None else str(raw).strip()
    if raw == "":
        if required:
            errors[key] = _("提交前须为每项指标评分。")
        return None
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError):
        errors[key] = _("请填写数字。")
        return None
    if not value.is_finite() or value < 0 or value > maximum:
        errors[key] = _("得分须在0至%(max)s之间。") % {"max": arithmetic.plain(maximum)}
        return None
    if value != value.quantize(Decimal("0.01")):
        errors[key] = _("最多两位小数。")
        return None
    return value


def _comment(errors: dict, key: str, raw, limit: int) -> str:
    text = str(raw or "").strip()
    if len(text) > limit:
        errors[key] = _("不能超过%(n)s个字。") % {"n": limit}
    elif contains_markup(text):
        errors[key] = _("不能包含网页代码（HTML）。")
    return text


@transaction.atomic
def save_sheet(
    *,
    actor,
    assignment: ReviewAssignment,
    scores: dict,
    comments: dict | None = None,
    comment: str = "",
    submit: bool = False,
) -> ReviewAssignment:
    """Save the sheet (`scores` and `comments` keyed by indicator id; values as typed), as a
    draft, or submitted when `submit`. Nothing is saved when anything is refused."""
    assignment = (
        ReviewAssignment.objects.select_for_update()
        .select_related("round", "reviewer_agency", "reviewed_agency")
        .get(pk=assignment.pk)
    )
    if not may_score(actor, assignment):
        raise PermissionDenied(_("您不是这份评分表的评审人。"))
    if assignment.round.state != RoundState.REVIEWING:
        raise ValidationError(_("本轮互评不在评审阶段，不能评分。"))
    if assignment.state not in OPEN_SHEET_STATES:
        raise ValidationError(
            _("评分表已%(state)s，不能再修改。") % {"state": assignment.get_state_display()}
        )
    comments = comments or {}
    scores = {str(k): v for k, v in scores.items()}
    comments = {str(k): v for k, v in comments.items()}
    indicators = list(assignment.round.indicators.all())
    errors: dict = {}
    values, notes = {}, {}
    for i in indicators:
        key = str(i.pk)
        values[i.pk] = _value(errors, f"score_{key}", scores.get(key), i.max_score, required=submit)
        notes[i.pk] = _comment(errors, f"comment_{key}", comments.get(key), COMMENT_MAX)
    overall = _comment(errors, "comment", comment, TEXT_MAX)
    if errors:
        raise ValidationError(errors)
    existing = {s.indicator_id: s for s in assignment.scores.all()}
    for i in indicators:
        row = existing.get(i.pk)
        if row is None:
            ReviewScore.objects.create(
                assignment=assignment, indicator=i, value=values[i.pk], comment=notes[i.pk]
            )
        elif (row.value, row.comment) != (values[i.pk], notes[i.pk]):
            row.value, row.comment = values[i.pk], notes[i.pk]
            row.save(update_fields=["value", "comment"])
    now = clock.now()
    before = assignment.state
    assignment.comment, assignment.saved_at = overall, now
    fields = ["comment", "saved_at", "state"]
    if submit:
        weights = [arithmetic.Weighting(i.pk, i.weight, i.max_score) for i in indicators]
        assignment.total = arithmetic.money(arithmetic.sheet_total(weights, values))
        assignment.state = SheetState.SUBMITTED
        assignment.submitted_at, assignment.submitted_by = now, actor
        fields += ["total", "submitted_at", "submitted_by"]
    else:
        assignment.state = SheetState.DRAFT
    assignment.save(update_fields=fields)
    if submit:
        running = open_clock(assignment, SUBMIT)
        if running:
            stop_clock(clock=running, actor=actor, outcome="submitted", authorize=False)
    record_event(
        action="crossreview.submit" if submit else "crossreview.save",
        actor=actor,
        obj=assignment,
        summary=str(assignment),
        before={"state": before},
        after={
            "state": assignment.state,
            "scores": {str(k): str(v) if v is not None else None for k, v in values.items()},
            "total": str(assignment.total) if submit else None,
        },
    )
    return assignment
