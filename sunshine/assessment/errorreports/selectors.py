"""Reads of 我为政府网站找错: the staff queue (agency-scoped, by deadline), one report, and the
statistics of a year for the 政府网站工作年度报表."""

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from sunshine.kernel.access.policy import scope
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import clocks_for

from .choices import OPEN_STATES, ReportState
from .models import ErrorReport
from .rules import ACKNOWLEDGE, FIX


def staff_reports(user, *, state: str = "") -> QuerySet[ErrorReport]:
    qs = scope(user, "errorreport.view", ErrorReport.objects.all()).select_related("agency")
    if state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state in ReportState.values:
        qs = qs.filter(state=state)
    return qs.order_by("submitted_at", "pk") if state == "open" else qs


def report_for_staff(user, pk: int) -> ErrorReport | None:
    return staff_reports(user).filter(pk=pk).first()


def open_clocks(report: ErrorReport) -> list[Clock]:
    return list(clocks_for(report).filter(state__in=[Clock.State.RUNNING, Clock.State.PAUSED]))


def report_clocks(report: ErrorReport) -> list[Clock]:
    return list(clocks_for(report))


def _year_bounds(year: int):
    tz = timezone.get_current_timezone()
    return (
        dt.datetime(year, 1, 1, tzinfo=tz),
        dt.datetime(year + 1, 1, 1, tzinfo=tz),
    )


def yearly_stats(host: str, year: int) -> dict:
    """Received, fixed, found right, open, and the on-time rates of the two clocks."""
    start, end = _year_bounds(year)
    reports = ErrorReport.objects.filter(host=host, submitted_at__gte=start, submitted_at__lt=end)
    ids = list(reports.values_list("pk", flat=True))
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(ErrorReport)
    clocks = Clock.objects.filter(content_type=ct, object_id__in=ids)

    def on_time(rule):
        stopped = clocks.filter(rule=rule, state=Clock.State.STOPPED)
        total = stopped.count()
        met = stopped.filter(met_deadline=True).count()
        return {"total": total, "met": met, "rate": round(met / total * 100, 1) if total else None}

    return {
        "received": len(ids),
        "fixed": reports.filter(state=ReportState.FIXED).count(),
        "rejected": reports.filter(state=ReportState.REJECTED).count(),
        "open": reports.filter(state__in=OPEN_STATES).count(),
        "acknowledge": on_time(ACKNOWLEDGE),
        "fix": on_time(FIX),
    }
