"""Demo of 网站自查, 政府网站工作年度报表 and 我为政府网站找错 for the portal (广东省人民政府):

- a self-check of the demo portal, crawled in-process (the pages are rendered by Django's test
  client instead of fetched over the network, so the demo needs no running server): its
  findings and the 国办 checklist score, as the monthly job makes them;
- three 网站纠错 reports: one corrected, one confirmed and being corrected, one just arrived;
- the 2025 政府网站工作年度报表, generated and published on 20 January 2026 (on time).

Idempotent: nothing is added when a crawl of the site exists."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client

from sunshine.assessment.errorreports import services as error_services
from sunshine.assessment.sitecheck import crawler, services, yearly
from sunshine.assessment.sitecheck.models import CrawlRun, YearlyReport
from sunshine.assessment.sitecheck.targets import site_targets
from sunshine.demo.kernel_data import ensure_staff
from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.orgs.models import Agency

DEMO_PAGES = 60
OFFICER = ("wangzhan@demo.gd.gov.cn", "梁网站")


def _host() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*", "") and not h.startswith(".")]
    return hosts[0] if hosts else "localhost"


def in_process_fetcher():
    client = Client(HTTP_HOST=_host())

    def fetch(url, timeout=crawler.TIMEOUT):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        info = crawler.PageInfo(url=url)
        response = client.get(path)
        info.status = response.status_code
        if "html" in response.get("Content-Type", "") and response.status_code < 400:
            crawler.parse_into(info, response.content.decode("utf-8", errors="replace"))
        return info

    return fetch


def load(*, stdout=None) -> None:
    target = site_targets()[0]
    if target.agency_id is None or CrawlRun.objects.filter(host=target.host).exists():
        return
    agency = Agency.objects.get(pk=target.agency_id)
    officer = ensure_staff(OFFICER[0], OFFICER[1], agency, [Role.DISCLOSURE_OFFICER])
    base = f"http://{_host()}/"
    _errors(target, agency, officer)
    with clock.frozen(dt.datetime(2026, 1, 20, 10, 0)):
        report = yearly.generate(target, 2025, actor=officer)
        yearly.publish(report, actor=officer)
    run = services.start_scheduled_run(target, max_pages=DEMO_PAGES)
    run.base_url = base
    run.save(update_fields=["base_url"])
    # One page at a time: the test client renders in this process, on this connection.
    services.execute_run(run.pk, target=target, fetcher=in_process_fetcher(), concurrency=1)
    run.refresh_from_db()
    if stdout is not None:
        stdout.write(
            f"网站自查：{run.site_name} {run.pages_checked} 页，{run.findings.count()} 个问题，"
            f"{run.score} 分；年度报表 {YearlyReport.objects.count()} 份"
        )


def _errors(target, agency, officer) -> None:
    now = clock.now()
    samples = [
        (now - dt.timedelta(days=20), "typo", "政策解读第三段“实事求事”应为“实事求是”。", "fix"),
        (now - dt.timedelta(days=2), "link", "附件“申请表.docx”的下载链接打不开。", "ack"),
        (now, "stale", "办事指南中的咨询电话已停用，请更新。", ""),
    ]
    for at, kind, text, step in samples:
        with clock.frozen(at):
            report = error_services.submit_report(
                site_id=target.site_id,
                host=target.host,
                agency=agency,
                page_url=f"https://{target.host}/column/zcjd/",
                kind=kind,
                description=text,
                contact="13800138000" if kind == "link" else "",
            )
        if step:
            with clock.frozen(at + dt.timedelta(hours=3)):
                report = error_services.acknowledge(
                    report=report, actor=officer, note="已转栏目编辑"
                )
        if step == "fix":
            with clock.frozen(at + dt.timedelta(days=1, hours=2)):
                error_services.close(report=report, actor=officer, fixed=True, note="已改正错别字")
