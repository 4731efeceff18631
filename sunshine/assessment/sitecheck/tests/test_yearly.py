"""政府网站工作年度报表: computed from the site's data (the figures sources), the latest crawl and
the error reports; its clock is due on 31 January; published, it is a public HTML page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sunshine.assessment.errorreports import services as error_services
from sunshine.assessment.sitecheck import checks, crawler, scoring, yearly
from sunshine.assessment.sitecheck.choices import Check, ReportState, RunState, Severity
from sunshine.assessment.sitecheck.models import CrawlRun, Finding
from sunshine.assessment.sitecheck.rules import YEARLY_REPORT
from sunshine.assessment.sitecheck.targets import site_targets
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.clock import frozen
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.testing.factories.kernel import staff_with


def _pages(n_ok, n_failed):
    pages = {
        f"https://s/{i}": crawler.PageInfo(url=f"https://s/{i}", status=200) for i in range(n_ok)
    }
    for i in range(n_failed):
        pages[f"https://s/f{i}"] = crawler.PageInfo(url=f"https://s/f{i}", error="timed out")
    return crawler.CrawlResult("https://s/", pages, {}, set(), False, 0.0)


def test_availability_veto_at_five_percent():
    vetoes = lambda r: [f for f in checks.check_availability(r) if f.severity == Severity.VETO]  # noqa: E731
    assert len(vetoes(_pages(19, 1))) == 1  # 1 of 20 = 5 %: veto
    assert vetoes(_pages(20, 1)) == []  # 1 of 21 < 5 %
    failed = [f for f in checks.check_availability(_pages(20, 1)) if f.item == Check.PAGE_FAILED]
    assert failed[0].url == "https://s/f0" and failed[0].points == Decimal("1")


def test_score_caps_each_indicator():
    many = [
        checks.FindingData(Check.BROKEN_LINK, Severity.DEDUCT, "x", points=Decimal("1"))
        for _ in range(40)
    ]
    outcome = scoring.score(
        many + [checks.FindingData(Check.ELDER_MODE, Severity.DEDUCT, "y", points=Decimal("5"))]
    )
    assert outcome["score"] == Decimal("80") and outcome["verdict"] == "pass"  # 15 cap + 5
    assert scoring.score([checks.FindingData(Check.HOME_STALE, Severity.VETO, "z")])["vetoed"]


@pytest.mark.django_db
def test_yearly_report_generated_clocked_and_published(gov, client):
    officer = staff_with(Role.DISCLOSURE_OFFICER, gov["root"])
    target = site_targets()[0]
    assert target.agency_id == gov["root"].pk  # no Site row: the default site, the root agency
    with frozen(dt.datetime(2026, 6, 1, 10, 0)):
        error_services.submit_report(
            site_id=None,
            host=target.host,
            agency=gov["root"],
            page_url="/zwgk/1/",
            kind="link",
            description="附件链接打不开",
        )
    with frozen(dt.datetime(2026, 11, 30, 10, 0)):
        run = CrawlRun.objects.create(
            host=target.host,
            site_name=target.name,
            agency=gov["root"],
            base_url=target.base_url,
            trigger="scheduled",
            state=RunState.DONE,
            created_at=dt.datetime(2026, 11, 30, 2, 30, tzinfo=dt.UTC),
            finished_at=dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC),
            pages_checked=120,
            pages_failed=1,
            score=Decimal("93.5"),
            vetoed=False,
        )
        Finding.objects.create(run=run, item=Check.BROKEN_LINK, severity="deduct", message="x")
    with frozen(dt.datetime(2027, 1, 4, 9, 0)):
        report = yearly.draft_all_reports()["reports"]
        report = yearly.YearlyReport.objects.get(pk=report[0])
    assert report.year == 2026 and report.state == ReportState.DRAFT
    data = report.data
    assert data["crawl"]["score"] == "93.5" and data["crawl"]["broken_links"] == 1
    assert data["errors"]["received"] == 1 and data["errors"]["open"] == 1
    sections = {s["key"]: s for s in data["sections"]}
    assert {"columns", "messages", "services"} <= set(sections)
    figures = {f["key"]: f["value"] for f in sections["columns"]["figures"]}
    assert figures["columns"] == 7
    # 1 January 00:00 + 30 calendar days, counted from the next day: due 31 January.
    (year_clock,) = clocks_for(report)
    assert year_clock.rule == YEARLY_REPORT and year_clock.due_date == dt.date(2027, 1, 31)

    assert client.get("/wzndbb/2026/").status_code == 404  # not yet published
    client.force_login(officer)
    listing = client.get("/workbench/sitecheck/reports/").content.decode()
    assert f"/workbench/sitecheck/reports/{report.pk}/" in listing
    detail = client.get(f"/workbench/sitecheck/reports/{report.pk}/").content.decode()
    assert "93.5" in detail and "2027-01-31" in detail
    with frozen(dt.datetime(2027, 1, 20, 9, 0)):
        response = client.post(f"/workbench/sitecheck/reports/{report.pk}/publish/")
        assert response.status_code == 302
        report.refresh_from_db()
        assert report.state == ReportState.PUBLISHED
        with pytest.raises(ValidationError):
            yearly.generate(target, 2026, actor=officer)
    client.logout()
    year_clock.refresh_from_db()
    assert year_clock.met_deadline is True
    page = client.get("/wzndbb/2026/")
    html = page.content.decode()
    assert page.status_code == 200 and "93.5" in html and "2026" in html
    assert '<meta name="PubDate" content="2027-01-20' in html
    assert "/wzndbb/2026/" in client.get("/wzndbb/").content.decode()
