"""Reads of 网站自查: runs and reports the user may see (agency-scoped), the latest finished run
of a site, the published yearly reports (public)."""

from django.db.models import QuerySet

from sunshine.kernel.access.policy import scope
from sunshine.kernel.deadlines.selectors import clocks_for

from .choices import ReportState, RunState
from .models import CrawlRun, YearlyReport


def runs_for(user) -> QuerySet[CrawlRun]:
    return scope(user, "sitecheck.view", CrawlRun.objects.all())


def run_for(user, pk: int) -> CrawlRun | None:
    return runs_for(user).filter(pk=pk).first()


def latest_done_run(host: str) -> CrawlRun | None:
    return (
        CrawlRun.objects.filter(host=host, state=RunState.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )


def run_findings(run: CrawlRun) -> list:
    return run.ordered_findings()


def reports_for(user) -> QuerySet[YearlyReport]:
    return scope(user, "sitecheck.view", YearlyReport.objects.all())


def report_for(user, pk: int) -> YearlyReport | None:
    return reports_for(user).filter(pk=pk).first()


def report_clocks(report: YearlyReport) -> list:
    return list(clocks_for(report))


def published_report(host: str, year: int) -> YearlyReport | None:
    return YearlyReport.objects.filter(host=host, year=year, state=ReportState.PUBLISHED).first()


def published_years(host: str) -> list[int]:
    return list(
        YearlyReport.objects.filter(host=host, state=ReportState.PUBLISHED)
        .order_by("-year")
        .values_list("year", flat=True)
    )
