"""Reads of the annual report for the shells (agency-scoped by the access policy)."""

from django.db.models import QuerySet

from sunshine.kernel.access.policy import agencies_for, can, scope
from sunshine.kernel.deadlines.selectors import open_clock, with_open_clock
from sunshine.kernel.orgs.models import Agency

from .choices import ReportState
from .models import AnnualReport
from .rules import DEPARTMENT, GOVERNMENT

RULES = (DEPARTMENT, GOVERNMENT)


def report_agencies(user) -> QuerySet[Agency]:
    """The agencies whose report the user may see, government first within each subtree."""
    return (
        agencies_for(user, "annualreport.view")
        .filter(is_active=True)
        .exclude(kind=Agency.Kind.OTHER)
        .order_by("path")
    )


def agency_for(user, agency_id) -> Agency | None:
    try:
        return report_agencies(user).filter(pk=int(agency_id)).first()
    except (TypeError, ValueError):
        return None


def reports_for(user, *, year: int | None = None) -> QuerySet[AnnualReport]:
    qs = scope(user, "annualreport.view", AnnualReport.objects.all())
    if year:
        qs = qs.filter(year=year)
    qs = with_open_clock(qs, RULES, prefix="clock", fields=["due_at"])
    return qs.select_related("agency", "record").order_by("-year", "agency__path")


def open_reports_for(user, *, limit: int = 10) -> list[AnnualReport]:
    qs = scope(user, "annualreport.edit", AnnualReport.objects.filter(state=ReportState.DRAFT))
    rows = with_open_clock(qs, RULES, prefix="clock", fields=["due_at"]).select_related("agency")
    rows = list(rows.filter(clock_due_at__isnull=False).order_by("clock_due_at", "pk")[:limit])
    for r in rows:
        r.due_at = r.clock_due_at
    return rows


def report_of(agency, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(agency=agency, year=year).select_related("agency").first()


def unsaved_report(agency, year: int) -> AnnualReport:
    """A report not saved yet, to show what would be computed (a government rolls up)."""
    return AnnualReport(
        agency=agency,
        year=year,
        rollup=agency.kind in (Agency.Kind.GOVERNMENT, Agency.Kind.OFFICE),
    )


def deadline_clock(report: AnnualReport):
    return open_clock(report, RULES)


def may_edit(user, report: AnnualReport) -> bool:
    return not report.is_published and can(user, "annualreport.edit", report)


def may_publish(user, report: AnnualReport) -> bool:
    return not report.is_published and can(user, "annualreport.publish", report)


def report_clock(report: AnnualReport):
    """The report's deadline clock, open or stopped (the newest)."""
    from sunshine.kernel.deadlines.selectors import clocks_for

    return clocks_for(report).filter(rule__in=RULES).order_by("-started_at", "-pk").first()


def published_report(agency_id: int, year: int) -> AnnualReport | None:
    """A published report (public: its record is 主动公开)."""
    return (
        AnnualReport.objects.filter(agency_id=agency_id, year=year, state=ReportState.PUBLISHED)
        .select_related("agency")
        .first()
    )
