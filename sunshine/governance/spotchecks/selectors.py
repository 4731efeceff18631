"""Reads of the spot checks. Public: plans once drawn (the draw is published), their results
once published. Staff: scoped to the user's agencies (`spotcheck.view_staff`)."""

from django.db.models import QuerySet

from sunshine.kernel.access.policy import scope

from .choices import PlanState
from .models import CheckTarget, Inspector, SpotCheckPlan, SpotCheckResult


def public_plans(*, agency_id: int | None = None) -> QuerySet[SpotCheckPlan]:
    plans = SpotCheckPlan.objects.exclude(state=PlanState.DRAFT).select_related("agency")
    if agency_id:
        plans = plans.filter(agency_id=agency_id)
    return plans.order_by("-drawn_at", "-id")


def public_plan(pk: int) -> SpotCheckPlan | None:
    return public_plans().filter(pk=pk).first()


def plans_for_staff(user, *, state: str = "") -> QuerySet[SpotCheckPlan]:
    plans = scope(user, "spotcheck.view_staff", SpotCheckPlan.objects.select_related("agency"))
    if state in PlanState.values:
        plans = plans.filter(state=state)
    return plans


def plan_for_staff(user, pk: int) -> SpotCheckPlan | None:
    return plans_for_staff(user).filter(pk=pk).first()


def drawn_rows(plan: SpotCheckPlan, *, with_results: bool) -> list[dict]:
    """Each drawn target with its inspectors (names and 执法证号) and, when asked, its result:
    [{"target": CheckTarget, "inspectors": [Inspector], "result": SpotCheckResult | None}]."""
    target_ids = [a["target"] for a in plan.assignments]
    inspector_ids = {i for a in plan.assignments for i in a["inspectors"]}
    targets = CheckTarget.objects.in_bulk(target_ids)
    inspectors = Inspector.objects.in_bulk(list(inspector_ids))
    results = (
        {r.target_id: r for r in SpotCheckResult.objects.filter(plan=plan)} if with_results else {}
    )
    return [
        {
            "target": targets[a["target"]],
            "inspectors": [inspectors[i] for i in a["inspectors"]],
            "result": results.get(a["target"]),
        }
        for a in plan.assignments
    ]


def library_counts(agency) -> dict:
    return {
        "targets": CheckTarget.objects.filter(agency=agency, is_active=True).count(),
        "inspectors": Inspector.objects.filter(agency=agency, is_active=True).count(),
    }


def library_targets(agency) -> QuerySet[CheckTarget]:
    return CheckTarget.objects.filter(agency=agency, is_active=True).order_by("id")


def library_inspectors(agency) -> QuerySet[Inspector]:
    return Inspector.objects.filter(agency=agency, is_active=True).order_by("id")


def plans_awaiting_results(user) -> QuerySet[SpotCheckPlan]:
    """Drawn plans whose results the user's agencies still have to enter and publish, the
    nearest results deadline first (annotated `clock_due_at`)."""
    from sunshine.kernel.deadlines.selectors import with_open_clock

    plans = scope(user, "spotcheck.manage", SpotCheckPlan.objects.filter(state=PlanState.DRAWN))
    return with_open_clock(plans, "spotcheck.publish_results", fields=["due_at"]).order_by(
        "clock_due_at", "pk"
    )
