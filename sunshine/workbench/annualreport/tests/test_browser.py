"""The annual report in a real browser (Chromium, axe): the disclosure officer opens the 2025
report, inserts a computed fact into section 一 and edits it, is refused publication while the
行政强制 figure is missing (the failure named), enters it, publishes; the page on a 360 px phone."""

import pytest
from playwright.sync_api import expect

from sunshine.disclosure.annualreport.models import AnnualReport
from sunshine.testing.browser import sign_in

pytestmark = pytest.mark.browser


def test_officer_generates_edits_and_publishes(page, axe, shot, transport, officer):
    page.set_default_timeout(30_000)  # the shared 2-core machine can be slow to serve a page
    sign_in(page, officer, next_url="/workbench/annualreport/?year=2025")
    page.get_by_role("link", name="广东省交通运输厅").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "广东省交通运输厅2025年政府信息公开工作年度报告"
    )
    expect(page.locator(".ar-failures")).to_contain_text("表二.未填报.行政强制")
    section_one = page.get_by_role("textbox", name="一、总体情况")
    page.get_by_role("button", name="把“依申请公开”插入到一、总体情况").click()
    expect(section_one).to_have_value("2025年，本机关新收政府信息公开申请0件，上年结转0件；"
                                      "办结0件，其中予以公开0件、部分公开0件；结转下年度继续办理0件。")  # fmt: skip
    section_one.press("End")
    section_one.type("全年未发生因政府信息公开引发的重大舆情。")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("body")).to_contain_text("已保存")
    violations, text = axe(page)
    assert violations == [], text
    page.get_by_role("button", name="发布年度报告").click()
    expect(page.locator("body")).to_contain_text("表二.未填报.行政强制")
    assert AnnualReport.objects.get().state == "draft"
    page.get_by_label("行政强制：本年处理决定数量（人工填报）").fill("3")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".ar-ok")).to_contain_text("勾稽关系校验通过")
    page.set_viewport_size({"width": 360, "height": 740})
    expect(page.get_by_role("button", name="发布年度报告")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width  # the wide tables scroll inside their box, not the page
    shot(page, "annualreport-360")
    page.get_by_role("button", name="发布年度报告").click()
    expect(page.locator("body")).to_contain_text("年度报告已发布")
    report = AnnualReport.objects.get()
    assert report.state == "published"
    assert report.section_one.endswith("全年未发生因政府信息公开引发的重大舆情。")
    expect(page.get_by_role("textbox", name="一、总体情况")).to_have_count(0)  # read-only now
    expect(page.locator(".ar-preview")).to_contain_text("全年未发生因政府信息公开引发的重大舆情。")
