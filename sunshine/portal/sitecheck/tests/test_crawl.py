"""网站自查 over real HTTP: a live portal with a stale 动态 column (items 40 days old), a broken
link and an article page without PubDate. The crawl is started from the workbench button and
run by the worker (the background job), its findings carry their URLs, veto items first."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sunshine.assessment.sitecheck.choices import Check, RunState, Severity
from sunshine.assessment.sitecheck.models import CrawlRun
from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.jobs.schedule import periodic_jobs
from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.portal.columns import (
    ColumnItem,
    register_column_provider,
    unregister_column_provider,
)
from sunshine.testing.factories.kernel import AgencyFactory, staff_with


def stale_news(request, limit):
    today = clock.today()
    return [
        ColumnItem("四十天前的动态", "/accessibility/", today - dt.timedelta(days=40)),
        ColumnItem("链接已失效的动态", "/no-such-page/", today - dt.timedelta(days=41)),
    ]


def fresh_policy(request, limit):
    return [ColumnItem("新政策", "/column/zcwj/", clock.today() - dt.timedelta(days=3))]


@pytest.fixture
def portal_fixture(settings, live_server):
    cache.clear()
    settings.SITECHECK_BASE_URLS = {settings.SITE_DOMAIN: live_server.url + "/"}
    # The in-memory SQLite test database is one connection shared with the live server
    # thread: one request at a time (PostgreSQL takes the default 4).
    settings.SITECHECK_CONCURRENCY = 1 if connection.vendor == "sqlite" else 4
    register_column_provider("xwfb", stale_news)
    register_column_provider("zcwj", fresh_policy)
    yield live_server
    unregister_column_provider("xwfb", stale_news)
    unregister_column_provider("zcwj", fresh_policy)
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_crawl_finds_stale_column_broken_link_and_missing_meta(client, portal_fixture):
    root = AgencyFactory(name="广东省人民政府", kind="government")
    officer = staff_with(Role.DISCLOSURE_OFFICER, root)
    client.force_login(officer)

    response = client.post(reverse("workbench:sitecheck_runs"), {"host": "www.gd.gov.cn"})
    run = CrawlRun.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "workbench:sitecheck_run", args=[run.pk]
    )
    assert run.state == RunState.QUEUED and run.base_url == portal_fixture.url + "/"
    assert DBTaskResult.objects.filter(task_path__endswith="crawl_task").count() == 1

    assert run_worker_batch() == 1  # the worker runs the crawl
    run.refresh_from_db()
    assert run.state == RunState.DONE, run.error
    assert run.pages_checked >= 9 and run.pages_failed == 0
    findings = run.ordered_findings()
    by_item = {}
    for f in findings:
        by_item.setdefault(f.item, []).append(f)

    # Veto items first; the stale 新闻动态 column (2 weeks) is one.
    assert findings[0].severity == Severity.VETO
    assert run.vetoed is True and run.summary["verdict"] == "fail"
    stale = by_item[Check.COLUMN_STALE]
    assert [f.url for f in stale] == [portal_fixture.url + "/column/xwfb/"]
    assert stale[0].severity == Severity.VETO
    assert stale[0].data["latest"] == (clock.today() - dt.timedelta(days=40)).isoformat()
    # The broken link, with the page that links to it.
    broken = by_item[Check.BROKEN_LINK]
    assert [f.url for f in broken] == [portal_fixture.url + "/no-such-page/"]
    assert broken[0].source_url in (portal_fixture.url + "/", portal_fixture.url + "/column/xwfb/")
    assert broken[0].data["status"] == 404
    # The article page reached from the column without a publication date.
    meta = [f for f in by_item[Check.METADATA] if f.url == portal_fixture.url + "/accessibility/"]
    assert meta and meta[0].data["missing"] == ["PubDate"]
    # The home page shows an item of 3 days ago: not stale. Footer, 适老化 and 找错 entry there.
    for item in (Check.HOME_STALE, Check.FOOTER, Check.ELDER_MODE, Check.ERROR_REPORT):
        assert item not in by_item, by_item.get(item)
    assert Check.COLUMN_STALE not in {f.item for f in findings if "zcwj" in f.url}
    # The other five standard columns have nothing in an empty database: the 5-blank veto.
    assert len(by_item[Check.COLUMN_BLANK]) == 5 and Check.BLANK_MANY in by_item
    assert run.score is not None and run.score < 100

    page = client.get(reverse("workbench:sitecheck_run", args=[run.pk]))
    html = page.content.decode()
    assert "/no-such-page/" in html and html.index("单项否决") < html.index("/no-such-page/")


def test_the_monthly_job_is_declared():
    jobs = {j.name: j for j in periodic_jobs()}
    assert jobs["sitecheck.monthly_crawl"].cron == "30 2 1 * *"
    assert jobs["sitecheck.yearly_reports"].cron == "0 4 1 1 *"
