"""政府网站工作年度报表: the yearly figures of one site, computed from the site's data and the
latest crawl, never typed in. Sections (the 国办 template's headings, 政府网站发展指引 附件):

- 网站基本信息: name, address, 主办单位, 网站标识码, ICP备案号, 公安备案号;
- 网站自查 (the latest finished crawl of the year: score, pages, findings by check);
- 栏目与信息更新, 互动交流, 办事服务 (…): the figures the other modules give through
  `sources.FIGURES` (filled by the portal shell at start-up);
- 我为政府网站找错: received, fixed, on-time rates of the two clocks.

A report is drafted (and its publication clock started: due 31 January of the next year) by the
1 January job or by staff, regenerated while it is a draft, then published."""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.assessment.errorreports.selectors import yearly_stats
from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.kernel.deadlines.services import start_clock, stop_clock

from . import sources
from .choices import Check, ReportState, RunState
from .models import CrawlRun, YearlyReport
from .rules import YEARLY_REPORT
from .targets import SiteTarget, site_targets

logger = logging.getLogger(__name__)


def _crawl_of(host: str, year: int) -> CrawlRun | None:
    return (
        CrawlRun.objects.filter(host=host, state=RunState.DONE, finished_at__year__lte=year)
        .order_by("-finished_at", "-pk")
        .first()
    )


def compute(target: SiteTarget, year: int) -> tuple[dict, CrawlRun | None]:
    ident = target.identity
    crawl = _crawl_of(target.host, year)
    data: dict = {
        "year": year,
        "site": {
            "name": ident.name,
            "url": target.base_url,
            "sponsor": ident.sponsor,
            "id_code": ident.id_code,
            "icp": ident.icp,
            "psb": ident.psb,
            "contact": ident.contact,
            "columns": len(ident.columns),
        },
        "crawl": None,
        "sections": [],
        "errors": yearly_stats(target.host, year),
    }
    if crawl is not None:
        counts: dict = {}
        for item in crawl.findings.values_list("item", flat=True):
            counts[item] = counts.get(item, 0) + 1
        data["crawl"] = {
            "id": crawl.pk,
            "date": timezone.localdate(crawl.finished_at).isoformat(),
            "score": str(crawl.score),
            "vetoed": bool(crawl.vetoed),
            "pages": crawl.pages_checked,
            "failed": crawl.pages_failed,
            "broken_links": counts.get(Check.BROKEN_LINK, 0),
            "stale_columns": counts.get(Check.COLUMN_STALE, 0),
            "blank_columns": counts.get(Check.COLUMN_BLANK, 0),
            "findings": sum(counts.values()),
            "columns": crawl.summary.get("columns", []),
        }
    for source in sorted(sources.FIGURES.all(), key=lambda s: (s.order, s.key)):
        try:
            figures = [
                {"key": f.key, "label": str(f.label), "value": f.value, "unit": str(f.unit)}
                for f in source.figures(target, year)
            ]
        except Exception:
            logger.exception("yearly report: figures %s failed", source.key)
            figures = []
        data["sections"].append({"key": source.key, "label": str(source.label), "figures": figures})
    return data, crawl


def _start_year_clock(report: YearlyReport, actor=None) -> None:
    if report.agency_id is None or clocks_for(report).filter(rule=YEARLY_REPORT).exists():
        return
    tz = timezone.get_current_timezone()
    start = dt.datetime(report.year + 1, 1, 1, tzinfo=tz)
    start_clock(obj=report, rule=YEARLY_REPORT, agency=report.agency, start=start, actor=actor)


@transaction.atomic
def generate(target: SiteTarget, year: int, *, actor=None) -> YearlyReport:
    """Draft (or recompute the draft of) the report; a published one is not changed."""
    if year < 2000 or year > timezone.localdate(clock.now()).year:
        raise ValidationError(_("年度不正确。"))
    report = YearlyReport.objects.filter(host=target.host, year=year).first()
    if report is not None and report.state == ReportState.PUBLISHED:
        raise ValidationError(_("该年度报表已发布，不能重新生成。"))
    data, crawl = compute(target, year)
    if report is None:
        report = YearlyReport(host=target.host, year=year)
    report.site_id, report.site_name, report.agency_id = (
        target.site_id,
        target.name,
        target.agency_id,
    )
    report.data, report.crawl, report.generated_at = data, crawl, clock.now()
    if actor is not None:
        require(actor, "sitecheck.publish_report", report)
    report.save()
    _start_year_clock(report, actor)
    record_event(
        action="sitecheck.report_generate",
        actor=actor,
        obj=report,
        summary=_("生成政府网站工作年度报表：%(site)s %(year)s")
        % {"site": report.site_name, "year": year},
    )
    return report


@transaction.atomic
def publish(report: YearlyReport, *, actor) -> YearlyReport:
    require(actor, "sitecheck.publish_report", report)
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    if report.state == ReportState.PUBLISHED:
        raise ValidationError(_("该年度报表已发布。"))
    report.state, report.published_at, report.published_by = (
        ReportState.PUBLISHED,
        clock.now(),
        actor,
    )
    report.save()
    for c in clocks_for(report).filter(
        rule=YEARLY_REPORT, state__in=[Clock.State.RUNNING, Clock.State.PAUSED]
    ):
        stop_clock(clock=c, actor=actor, outcome=_("已发布"), authorize=False)
    record_event(
        action="sitecheck.report_publish",
        actor=actor,
        obj=report,
        summary=_("发布政府网站工作年度报表：%(site)s %(year)s")
        % {"site": report.site_name, "year": report.year},
    )
    return report


def draft_all_reports(year: int | None = None) -> dict:
    """The 1 January job: last year's draft for every site (and its clock)."""
    year = year or timezone.localdate(clock.now()).year - 1
    made = []
    for target in site_targets():
        existing = YearlyReport.objects.filter(host=target.host, year=year).first()
        if existing is not None and existing.state == ReportState.PUBLISHED:
            continue
        made.append(generate(target, year).pk)
    return {"year": year, "reports": made}
