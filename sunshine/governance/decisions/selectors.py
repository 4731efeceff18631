"""Reads of 重大行政决策. Public reads show the entries of published catalogs only (and an
entry's decision once published); staff reads are scoped by "decision.view_staff"."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from sunshine.kernel.access.policy import scope
from sunshine.kernel.workflow.selectors import available_transitions, history

from .choices import DecisionState, StepKind, StepState
from .execution import evaluation_clock
from .models import CatalogAdjustment, Decision, DecisionCatalog, DecisionStep, ExecutionTask
from .steps import legality_clock, participation_source
from .workflow import missing_steps


def _steps_prefetch() -> Prefetch:
    return Prefetch(
        "steps", queryset=DecisionStep.objects.select_related("legal_office").order_by("id")
    )


def _with_parts(qs: QuerySet[Decision]) -> QuerySet[Decision]:
    return qs.select_related("agency", "lead_agency", "catalog").prefetch_related(
        _steps_prefetch(),
        Prefetch("tasks", queryset=ExecutionTask.objects.select_related("agency")),
    )


# --- Staff -----------------------------------------------------------------------------------


def staff_decisions(
    user, *, state: str | None = None, year: int | None = None, q: str | None = None
) -> QuerySet[Decision]:
    """The decisions of the user's agencies, and those whose 合法性审查 was sent to a legal
    office where the user may review (the office answers on the decision's page)."""
    visible = scope(user, "decision.view_staff", Decision.objects.all()).values("pk")
    reviewing = scope(
        user,
        "decision.legal_review",
        DecisionStep.objects.filter(kind=StepKind.LEGALITY, legal_office__isnull=False),
        agency_field="legal_office",
    ).values("decision_id")
    qs = Decision.objects.filter(Q(pk__in=visible) | Q(pk__in=reviewing))
    if state in DecisionState.values:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(catalog__year=year)
    if q:
        qs = qs.filter(title__icontains=q.strip())
    return _with_parts(qs).order_by("-created_at", "-id")


def decision_for_staff(user, pk) -> Decision | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return staff_decisions(user).filter(pk=pk).first()


def staff_catalogs(user) -> QuerySet[DecisionCatalog]:
    """The catalogs of the user's agencies, newest year first, each with `entries` (listed)
    and `removed` (moved out) counted."""
    return (
        scope(user, "decision.view_staff", DecisionCatalog.objects.select_related("agency"))
        .annotate(
            entries=Count("decisions", filter=Q(decisions__listed=True)),
            removed=Count("decisions", filter=Q(decisions__listed=False)),
        )
        .order_by("-year", "agency__name", "pk")
    )


def catalog_for_staff(user, pk) -> DecisionCatalog | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return staff_catalogs(user).filter(pk=pk).first()


def decision_actions(decision: Decision, user):
    """The workflow buttons for `user`, each with the guards' reasons when blocked."""
    return available_transitions(decision, user)


def decision_history(decision: Decision):
    return history(decision)


# --- Public ----------------------------------------------------------------------------------


def public_catalogs() -> QuerySet[DecisionCatalog]:
    return (
        DecisionCatalog.objects.filter(published_at__isnull=False)
        .select_related("agency")
        .order_by("-year", "agency__name")
    )


def public_catalog(agency_id, year) -> DecisionCatalog | None:
    try:
        agency_id, year = int(agency_id), int(year)
    except (TypeError, ValueError):
        return None
    return public_catalogs().filter(agency_id=agency_id, year=year).first()


def catalog_entries(catalog: DecisionCatalog) -> QuerySet[Decision]:
    """The listed entries of a catalog, in the order they were added."""
    return _with_parts(catalog.decisions.filter(listed=True)).order_by("id")


def catalog_adjustments(catalog: DecisionCatalog) -> QuerySet[CatalogAdjustment]:
    return catalog.adjustments.select_related("decision").order_by("at", "id")


def public_decisions() -> QuerySet[Decision]:
    return _with_parts(
        Decision.objects.filter(catalog__published_at__isnull=False, listed=True)
    ).order_by("-catalog__year", "id")


def decision_for_public(pk) -> Decision | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return public_decisions().filter(pk=pk).first()


# --- The dossier (one page: draft → 预公开 → 采纳情况 → decision → 解读 → 执行 → 评估) -------------


@dataclass
class StepView:
    step: DecisionStep
    source: tuple | None = None  # ("consultation", obj) or ("hearing", obj)
    clock: object = None  # the legality review's clock

    @property
    def kind(self) -> str:
        return self.step.kind

    @property
    def label(self) -> str:
        return str(self.step.get_kind_display())

    @property
    def done(self) -> bool:
        return self.step.state == StepState.DONE


@dataclass
class Dossier:
    decision: Decision
    steps: list[StepView] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    consultation: object = None  # the 预公开 and its 采纳情况, when the step links one
    tasks: list = field(default_factory=list)
    progress: int | None = None  # mean percent of the tasks
    evaluation_clock: object = None

    @property
    def missing_labels(self) -> list[str]:
        return [str(StepKind(kind).label) for kind in self.missing]


def dossier(decision: Decision) -> Dossier:
    views = []
    consultation = None
    for step in decision.steps.all():
        view = StepView(step)
        if step.kind == StepKind.PARTICIPATION:
            view.source = participation_source(step)
            if view.source and view.source[0] == "consultation":
                consultation = view.source[1]
        elif step.kind == StepKind.LEGALITY and step.requested_at:
            view.clock = legality_clock(step)
        views.append(view)
    tasks = list(decision.tasks.all())
    progress = (
        round(sum(t.percent for t in tasks) / len(tasks)) if tasks else None
    )  # the tasks are loaded already; Avg would query again
    return Dossier(
        decision=decision,
        steps=views,
        missing=missing_steps(decision),
        consultation=consultation,
        tasks=tasks,
        progress=progress,
        evaluation_clock=evaluation_clock(decision) if decision.published_at else None,
    )


def task_reports(task: ExecutionTask):
    return task.reports.select_related("actor").order_by("at", "id")


def task_for_staff(user, pk) -> ExecutionTask | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        scope(user, "decision.view_staff", ExecutionTask.objects.all(), "decision__agency")
        .select_related("decision", "agency")
        .filter(pk=pk)
        .first()
    )


def legality_reviews_for(user) -> QuerySet[DecisionStep]:
    """The 合法性审查 sent to a legal office where `user` may review, still waiting, oldest
    request first."""
    return (
        scope(
            user,
            "decision.legal_review",
            DecisionStep.objects.filter(kind=StepKind.LEGALITY, state=StepState.IN_REVIEW),
            agency_field="legal_office",
        )
        .select_related("decision")
        .order_by("requested_at", "pk")
    )
