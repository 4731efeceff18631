"""An officer on a 360 px phone sets up a DCAT file source (Chromium, headless, axe): a file that
is not DCAT is refused on the form with the reason, and what was typed is still there; the good
file (the demo catalog) is taken; 立即采集 runs as a background job (the real task worker, run
in-process here); the report lists new / failed entries with reasons; a second run finds every
entry unchanged."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.opendata.datasets.harvest_models import HarvestRun, HarvestSource
from sunshine.testing.browser import sign_in
from sunshine.testing.factories import staff_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CATALOG = Path(__file__).resolve().parents[3] / "demo" / "data" / "harvest-catalog.ttl"


def _clean(page, axe):
    violations, text = axe(page)
    assert violations == [], text
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways: {width}px"


def _run(page, axe) -> None:
    """立即采集, then the worker runs the queued job; the report page (it refreshes itself)
    is reloaded here rather than waited for."""
    page.get_by_role("button", name="立即采集").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("采集报告")
    assert run_worker_batch() >= 1
    page.reload()
    expect(page.locator("#run-state")).to_contain_text("已完成")
    _clean(page, axe)


def test_officer_uploads_a_dcat_file_runs_it_twice_and_reads_the_reports(
    chromium, live_server, axe, shot, transport, tmp_path
):
    officer = staff_with(Role.AGENCY_ADMIN, transport, display_name="数据管理员")
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base = live_server.url
    try:
        sign_in(page, officer, next_url="/workbench/opendata/harvest/")
        _clean(page, axe)
        page.get_by_role("link", name="新增采集来源").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("新增采集来源")
        page.locator("#id_agency").select_option(label=transport.name)
        page.locator("#id_name").fill("市级数据开放目录")
        page.locator("#id_kind").select_option("dcat")
        page.locator("#id_schedule").select_option("weekly")
        page.locator("#id_resource_mode").select_option("link")
        page.locator("#id_topic").select_option("transport")
        bad = tmp_path / "catalog.ttl"
        bad.write_text("名称,地址\n公交站点,https://example.org/a.csv\n", encoding="utf-8")
        page.locator("#id_file").set_input_files(str(bad))
        with page.expect_navigation():  # the same address: wait for the answer itself
            page.get_by_role("button", name="保存").click()

        # Refused with the reason; nothing saved; the typed answers are still there (a file
        # input cannot be refilled by a page: the message asks to choose the file again).
        expect(page.locator("main")).to_contain_text("“catalog.ttl”不是可以读取的 DCAT 文件")
        expect(page.locator("main")).to_contain_text("请重新选择文件")
        expect(page.locator("#id_name")).to_have_value("市级数据开放目录")
        expect(page.locator("#id_schedule")).to_have_value("weekly")
        expect(page.locator("#id_resource_mode")).to_have_value("link")
        expect(page.locator("#id_topic")).to_have_value("transport")
        assert not HarvestSource.objects.exists()
        _clean(page, axe)
        shot(page, "opendata-harvest-bad-file-360")

        page.locator("#id_file").set_input_files(str(CATALOG))
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("市级数据开放目录")
        expect(page.locator("main")).to_contain_text("harvest-catalog.ttl")
        _clean(page, axe)

        # First run: 5 entries new (drafts: links only, no 字段说明), 1 failed (no identifier).
        _run(page, axe)
        counts = page.locator("ul.harvest-counts")
        expect(counts).to_contain_text("新增：5")
        expect(counts).to_contain_text("失败：1")
        report = page.locator("#harvest-report")
        expect(report.locator("> li")).to_have_count(6)
        failed = report.locator("li", has_text="停车场泊位（缺少标识）")
        expect(failed).to_contain_text("失败")
        expect(failed).to_contain_text("没有唯一标识")
        expect(report.locator("li", has_text="公交站点")).to_contain_text("保存为草稿")
        shot(page, "opendata-harvest-report-360")

        # Second run: nothing changed at the source → every entry unchanged, none new.
        page.get_by_role("link", name="返回采集来源").click()
        _run(page, axe)
        expect(counts).to_contain_text("新增：0")
        expect(counts).to_contain_text("未变化：5")
        expect(counts).to_contain_text("失败：1")
        runs = list(HarvestRun.objects.order_by("pk").values_list("created", "unchanged"))
        assert runs == [(5, 0), (0, 5)]
    finally:
        page.close()
        context.close()
