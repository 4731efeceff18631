"""The 网站自查 demo: a crawl of the demo portal rendered in-process (no network), three error
reports in three states, the 2025 yearly report published on time; a second run adds nothing."""

import io

import pytest

from sunshine.assessment.errorreports.models import ErrorReport
from sunshine.assessment.sitecheck.models import CrawlRun, YearlyReport
from sunshine.demo import kernel_data
from sunshine.demo import sitecheck_data as demo
from sunshine.kernel.deadlines.selectors import clocks_for

pytestmark = pytest.mark.django_db


def test_crawl_reports_and_yearly_report_once(monkeypatch):
    monkeypatch.setattr(demo, "DEMO_PAGES", 25)  # the demo crawls 60; fewer keep the test quick
    kernel_data.load()
    out = io.StringIO()
    demo.load(stdout=out)
    run = CrawlRun.objects.get()
    assert run.state == "done", run.error
    assert run.pages_checked > 10 and run.pages_failed == 0 and run.score is not None
    assert "网站自查" in out.getvalue()
    states = sorted(ErrorReport.objects.values_list("state", flat=True))
    assert states == ["acknowledged", "fixed", "submitted"]
    report = YearlyReport.objects.get()
    assert (report.year, report.state) == (2025, "published")
    assert [c.met_deadline for c in clocks_for(report)] == [True]
    demo.load(stdout=io.StringIO())
    assert CrawlRun.objects.count() == 1 and ErrorReport.objects.count() == 3
