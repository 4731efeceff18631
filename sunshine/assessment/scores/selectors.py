"""Reads of 政务公开考核. Schemes are not secret (every staff member may read what they are
assessed on); scores are: `scores.view_result` on the scored agency decides, in the query —
an agency's staff see their own agency's score and evidence (and its sub-agencies'), the
general office's 督查 sees every agency."""

from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import QuerySet

from sunshine.kernel.access.policy import agencies_for, can, can_anywhere, scope

from .choices import FORMULAS_FOR, FormulaKind, RunState, ValueKind
from .models import AgencyScore, IndicatorScore, Scheme, ScoreRun
from .providers import PROVIDERS, provider


def _pk(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def may_view(user) -> bool:
    return can_anywhere(user, "scores.view_staff")


def may_manage(user, scheme: Scheme) -> bool:
    return can(user, "scores.manage", scheme)


def organisers(user):
    """The agencies for which the user may set a scheme."""
    return agencies_for(user, "scores.manage").filter(is_active=True).order_by("path")


def may_organise(user, agency) -> bool:
    return can(user, "scores.manage", SimpleNamespace(agency=agency))


def schemes() -> QuerySet[Scheme]:
    return Scheme.objects.select_related("agency").order_by("-year", "agency__path")


def scheme_by_pk(pk) -> Scheme | None:
    pk = _pk(pk)
    return None if pk is None else schemes().filter(pk=pk).first()


def indicators_of(scheme: Scheme) -> list:
    rows = list(scheme.indicators.all())
    for row in rows:
        source = provider(row.provider)
        row.source_label = str(source.label) if source else row.provider
        row.registered = source is not None
    return rows


@dataclass(frozen=True)
class SourceChoice:
    key: str
    label: str
    group: str
    value_kind: str
    value_label: str
    definition: str
    formulas: tuple


def source_choices() -> list[SourceChoice]:
    return [
        SourceChoice(
            p.key,
            str(p.label),
            str(p.group),
            p.value_kind,
            str(ValueKind(p.value_kind).label),
            str(p.definition),
            tuple(FormulaKind(k).label for k in FORMULAS_FOR[p.value_kind]),
        )
        for p in PROVIDERS.all()
    ]


def runs_of(scheme: Scheme) -> QuerySet[ScoreRun]:
    return scheme.runs.select_related("requested_by").order_by("-requested_at", "-pk")


def latest_run(scheme: Scheme) -> ScoreRun | None:
    return runs_of(scheme).filter(state=RunState.DONE).order_by("-computed_at", "-pk").first()


def run_by_pk(pk) -> ScoreRun | None:
    pk = _pk(pk)
    if pk is None:
        return None
    return ScoreRun.objects.select_related("scheme", "scheme__agency").filter(pk=pk).first()


def previous_run(run: ScoreRun) -> ScoreRun | None:
    """The latest finished run of the same organiser's scheme for the year before."""
    return (
        ScoreRun.objects.filter(
            scheme__agency_id=run.scheme.agency_id, year=run.year - 1, state=RunState.DONE
        )
        .order_by("-computed_at", "-pk")
        .first()
    )


def visible_scores(user, run: ScoreRun) -> QuerySet[AgencyScore]:
    return scope(user, "scores.view_result", run.scores.all()).select_related("agency")


@dataclass
class RankingRow:
    score: AgencyScore
    previous_total: Decimal | None
    previous_rank: int | None

    @property
    def change(self) -> Decimal | None:
        if self.previous_total is None:
            return None
        return self.score.total - self.previous_total


def ranking(user, run: ScoreRun) -> list[RankingRow]:
    """The run's scores the user may see, best first, each with last year's total and rank."""
    rows = list(visible_scores(user, run).order_by("rank", "agency__path"))
    before = previous_run(run)
    previous = {}
    if before is not None:
        previous = {
            s.agency_id: s for s in before.scores.filter(agency_id__in=[r.agency_id for r in rows])
        }
    result = []
    for score in rows:
        prev = previous.get(score.agency_id)
        result.append(RankingRow(score, prev.total if prev else None, prev.rank if prev else None))
    return result


def agency_score(user, run: ScoreRun, agency_id) -> AgencyScore | None:
    agency_id = _pk(agency_id)
    if agency_id is None:
        return None
    return visible_scores(user, run).filter(agency_id=agency_id).first()


def lines_of(score: AgencyScore) -> list[IndicatorScore]:
    """The indicator lines without their evidence lists (the page shows the counts)."""
    return list(score.lines.defer("evidence"))


def line_of(score: AgencyScore, code: str) -> IndicatorScore | None:
    return score.lines.filter(code=code).first()


def history(user, agency_id, organiser_id) -> list[AgencyScore]:
    """The agency's score in the latest finished run of each year (newest first)."""
    agency_id = _pk(agency_id)
    qs = scope(
        user,
        "scores.view_result",
        AgencyScore.objects.filter(
            agency_id=agency_id,
            run__state=RunState.DONE,
            run__scheme__agency_id=organiser_id,
        ),
    ).select_related("run")
    latest: dict[int, AgencyScore] = {}
    for s in qs.order_by("run__year", "run__computed_at", "run_id"):
        latest[s.run.year] = s
    return [latest[y] for y in sorted(latest, reverse=True)]


def export_rows(run: ScoreRun, agency_ids) -> QuerySet[AgencyScore]:
    return (
        run.scores.filter(agency_id__in=agency_ids)
        .select_related("agency")
        .prefetch_related("lines")
        .order_by("rank", "agency__path")
    )
