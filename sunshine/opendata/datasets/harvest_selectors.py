"""Reads of 采集 for the staff pages: sources and runs within the user's agencies."""

from django.db.models import QuerySet

from sunshine.kernel.access.policy import can, scope

from .harvest_models import HarvestRun, HarvestSource


def staff_sources(user) -> QuerySet[HarvestSource]:
    qs = HarvestSource.objects.select_related("agency", "created_by")
    return scope(user, "dataset.view_staff", qs).order_by("agency__path", "name", "pk")


def staff_source(user, pk: int) -> HarvestSource | None:
    source = HarvestSource.objects.select_related("agency", "created_by").filter(pk=pk).first()
    if source is None or not can(user, "dataset.view_staff", source):
        return None
    return source


def runs_of(source: HarvestSource, limit: int = 30) -> list[HarvestRun]:
    return list(source.runs.select_related("started_by")[:limit])


def last_runs(sources) -> dict[int, HarvestRun]:
    """The latest run of each source (for the list)."""
    latest: dict[int, HarvestRun] = {}
    for run in HarvestRun.objects.filter(source__in=list(sources)).order_by("source_id", "-pk"):
        latest.setdefault(run.source_id, run)
    return latest


def staff_run(user, source: HarvestSource, pk: int) -> HarvestRun | None:
    run = HarvestRun.objects.filter(pk=pk, source=source).select_related("started_by").first()
    if run is None or not can(user, "dataset.view_staff", source):
        return None
    return run
