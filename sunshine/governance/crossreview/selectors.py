"""Reads of 交叉互评.

Staff pages: the rounds a user may see (the organiser's managers see theirs; reviewers see the
rounds under review or published where they have a sheet; a reviewed agency sees the published
rounds that have its result), a reviewer's own sheets only, progress for the general office,
and results: the general office sees all, a reviewed agency only its own (with the reviewers'
comments, the reviewing agencies not named).

For the assessment (考核, which counts cross-review results in the disclosure score):
`published_results(year=, round_=, agency=)`, `indicator_results(...)` and
`yearly_totals(year)` read the results stored at publication — per agency, per round, per
indicator (by its stable `code`)."""

from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Avg, Count, F, Q, QuerySet

from sunshine.kernel.access.policy import can, scope
from sunshine.kernel.deadlines.selectors import live_urgency, with_open_clock

from .choices import RoundState, SheetState
from .models import (
    ReviewAssignment,
    ReviewIndicator,
    ReviewIndicatorResult,
    ReviewResult,
    ReviewRound,
    ReviewScore,
)
from .rules import SUBMIT
from .sheets import may_score

__all__ = ["may_score"]


def _pk(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- Who sees what ---------------------------------------------------------------------------


def may_manage(user, round_: ReviewRound) -> bool:
    return can(user, "crossreview.manage", round_)


def may_organise(user, agency) -> bool:
    return can(user, "crossreview.manage", SimpleNamespace(agency=agency))


def _my_sheets(user) -> QuerySet[ReviewAssignment]:
    """Every sheet the user may fill or has filled (any state but of a started round)."""
    return scope(
        user, "crossreview.score", ReviewAssignment.objects.all(), agency_field="reviewer_agency"
    ).filter(Q(reviewer__isnull=True) | Q(reviewer=user))


def rounds_for_staff(user, *, year: int | None = None) -> QuerySet[ReviewRound]:
    managed = scope(user, "crossreview.manage", ReviewRound.objects.all()).values("pk")
    reviewing = _my_sheets(user).exclude(round__state=RoundState.DRAFT).values("round_id")
    results = scope(user, "crossreview.view_result", ReviewResult.objects.all()).values("round_id")
    qs = ReviewRound.objects.filter(
        Q(pk__in=managed) | Q(pk__in=reviewing) | Q(pk__in=results)
    ).select_related("agency")
    if year:
        qs = qs.filter(year=year)
    return qs.annotate(
        assignment_count=Count("assignments", filter=~Q(assignments__state=SheetState.WITHDRAWN)),
        submitted_count=Count("assignments", filter=Q(assignments__state=SheetState.SUBMITTED)),
    ).order_by("-year", "-created_at", "-id")


def round_for_staff(user, pk) -> ReviewRound | None:
    pk = _pk(pk)
    if pk is None:
        return None
    return rounds_for_staff(user).filter(pk=pk).first()


def indicators(round_: ReviewRound) -> list[ReviewIndicator]:
    return list(round_.indicators.all())


def indicator_groups(round_: ReviewRound) -> list[dict]:
    """The indicators grouped by 一级指标, in order, with each group's weight."""
    groups: dict[str, dict] = {}
    for i in round_.indicators.all():
        g = groups.setdefault(
            i.group_code, {"code": i.group_code, "name": i.group, "weight": Decimal(0), "items": []}
        )
        g["weight"] += i.weight
        g["items"].append(i)
    return list(groups.values())


# --- Reviewers -------------------------------------------------------------------------------


def sheets_for_reviewer(user, *, round_: ReviewRound | None = None) -> QuerySet[ReviewAssignment]:
    """The user's own sheets in started rounds (never another reviewer's), with the clock."""
    qs = _my_sheets(user).exclude(round__state=RoundState.DRAFT)
    if round_ is not None:
        qs = qs.filter(round=round_)
    qs = qs.select_related("round", "reviewed_agency", "reviewer_agency", "reviewer")
    return with_open_clock(qs, SUBMIT, prefix="submit").order_by(
        "round__state", "-round__year", "reviewed_agency__path", "pk"
    )


def open_sheets_for_reviewer(user) -> list:
    """Sheets still to submit, earliest due first, with their live urgency (the queue)."""
    qs = sheets_for_reviewer(user).filter(
        state__in=(SheetState.PENDING, SheetState.DRAFT), round__state=RoundState.REVIEWING
    )
    return live_urgency(
        list(qs.order_by(F("submit_due_at").asc(nulls_last=True), "pk")[:200]), prefix="submit"
    )


def sheet_for_reviewer(user, pk) -> ReviewAssignment | None:
    pk = _pk(pk)
    if pk is None:
        return None
    return sheets_for_reviewer(user).filter(pk=pk).first()


@dataclass
class SheetRow:
    indicator: ReviewIndicator
    value: Decimal | None = None
    comment: str = ""


def sheet_rows(assignment: ReviewAssignment) -> list[SheetRow]:
    """One row per indicator of the round, with what was saved (if anything)."""
    saved = {s.indicator_id: s for s in assignment.scores.all()}
    rows = []
    for i in assignment.round.indicators.all():
        s = saved.get(i.pk)
        rows.append(SheetRow(i, s.value if s else None, s.comment if s else ""))
    return rows


# --- The general office ----------------------------------------------------------------------


def assignments_of(round_: ReviewRound) -> list:
    """Every assignment of the round with its clock (progress), by reviewed agency."""
    qs = round_.assignments.select_related("reviewed_agency", "reviewer_agency", "reviewer")
    return live_urgency(
        list(
            with_open_clock(qs, SUBMIT, prefix="submit").order_by(
                "reviewed_agency__path", "reviewer_agency__path", "pk"
            )
        ),
        prefix="submit",
    )


def progress(round_: ReviewRound) -> dict:
    counts = dict(
        round_.assignments.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    active = sum(n for s, n in counts.items() if s != SheetState.WITHDRAWN)
    done = counts.get(SheetState.SUBMITTED, 0)
    return {
        "total": active,
        "submitted": done,
        "draft": counts.get(SheetState.DRAFT, 0),
        "pending": counts.get(SheetState.PENDING, 0),
        "withdrawn": counts.get(SheetState.WITHDRAWN, 0),
        "percent": round(100 * done / active) if active else 0,
    }


# --- Results ---------------------------------------------------------------------------------


def results_for_staff(user, round_: ReviewRound) -> QuerySet[ReviewResult]:
    """The round's results the user may read: all for the organiser, else its own agencies'
    (published rounds only)."""
    if round_.state != RoundState.PUBLISHED:
        return ReviewResult.objects.none()
    qs = round_.results.select_related("agency")
    if may_manage(user, round_):
        return qs
    return scope(user, "crossreview.view_result", qs)


def result_for_staff(user, round_: ReviewRound, agency_id) -> ReviewResult | None:
    agency_id = _pk(agency_id)
    if agency_id is None:
        return None
    return results_for_staff(user, round_).filter(agency_id=agency_id).first()


@dataclass
class IndicatorLine:
    indicator: ReviewIndicator
    average: Decimal
    points: Decimal
    comments: list[tuple[str, str]] = field(default_factory=list)  # (reviewer label, text)


@dataclass
class ResultView:
    result: ReviewResult
    lines: list[IndicatorLine]
    overall: list[tuple[str, str]]  # (reviewer label, overall comment)
    sheets: list  # (label, total) per submitted sheet
    reviewed_count: int


def _labels(sheets, named: bool) -> dict[int, str]:
    """Reviewer labels: the agency's name for the organiser; 评审单位一、二… for the reviewed
    agency (mutual review: the reviewed do not learn who scored them)."""
    numerals = "一二三四五六七八九十"
    labels = {}
    for n, a in enumerate(sheets):
        if named:
            labels[a.pk] = a.reviewer_agency.name
        else:
            labels[a.pk] = "评审单位" + (numerals[n] if n < len(numerals) else str(n + 1))
    return labels


def result_view(result: ReviewResult, *, named: bool) -> ResultView:
    sheets = list(
        ReviewAssignment.objects.filter(
            round_id=result.round_id,
            reviewed_agency_id=result.agency_id,
            state=SheetState.SUBMITTED,
        )
        .select_related("reviewer_agency")
        .order_by("pk")
    )
    labels = _labels(sheets, named)
    comments: dict[int, list] = {}
    for s in (
        ReviewScore.objects.filter(assignment__in=sheets)
        .exclude(comment="")
        .order_by("assignment_id", "pk")
    ):
        comments.setdefault(s.indicator_id, []).append((labels[s.assignment_id], s.comment))
    lines = [
        IndicatorLine(r.indicator, r.average, r.points, comments.get(r.indicator_id, []))
        for r in result.indicator_results.select_related("indicator")
    ]
    return ResultView(
        result=result,
        lines=lines,
        overall=[(labels[a.pk], a.comment) for a in sheets if a.comment],
        sheets=[(labels[a.pk], a.total) for a in sheets],
        reviewed_count=result.round.results.count(),
    )


# --- For the assessment (考核) ---------------------------------------------------------------


def published_results(
    *, year: int | None = None, round_: ReviewRound | None = None, agency=None
) -> QuerySet[ReviewResult]:
    """Stored results of published rounds: per round, per agency (`agency` exactly, not its
    subtree), per year. Each row: round, agency, total (0–100), reviewer_count, rank."""
    qs = ReviewResult.objects.filter(round__state=RoundState.PUBLISHED).select_related(
        "round", "agency"
    )
    if year is not None:
        qs = qs.filter(round__year=year)
    if round_ is not None:
        qs = qs.filter(round=round_)
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs.order_by("round__year", "round_id", "rank", "agency_id")


def indicator_results(
    *,
    year: int | None = None,
    round_: ReviewRound | None = None,
    agency=None,
    code: str | None = None,
) -> QuerySet[ReviewIndicatorResult]:
    """Per indicator: average (out of the indicator's max_score) and points (of its weight);
    `code` is the indicator's stable code (e.g. "on_request.timeliness")."""
    qs = ReviewIndicatorResult.objects.filter(
        result__round__state=RoundState.PUBLISHED
    ).select_related("result__round", "result__agency", "indicator")
    if year is not None:
        qs = qs.filter(result__round__year=year)
    if round_ is not None:
        qs = qs.filter(result__round=round_)
    if agency is not None:
        qs = qs.filter(result__agency=agency)
    if code:
        qs = qs.filter(indicator__code=code)
    return qs.order_by("result__round_id", "result__agency_id", "indicator__position")


def yearly_totals(year: int) -> dict[int, Decimal]:
    """{agency id: mean total over the year's published rounds} (one query; 0–100)."""
    rows = (
        published_results(year=year)
        .order_by()
        .values("agency_id")
        .annotate(mean=Avg("total"))
        .values_list("agency_id", "mean")
    )
    return {agency_id: Decimal(str(mean)).quantize(Decimal("0.01")) for agency_id, mean in rows}
