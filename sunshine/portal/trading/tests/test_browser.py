"""The citizen's journey on a 360 px phone (Chromium, headless, with axe): find a project in
/ggzy/, read its 中标结果, file a complaint (a refused field keeps what was typed), and see it
waiting for review under 我的投诉."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.opendata.trading.models import Complaint
from sunshine.opendata.trading.tests.factories import BIDDER_CODE, imported_project
from sunshine.testing.browser import sign_in
from sunshine.testing.factories.kernel import CitizenFactory

pytestmark = pytest.mark.browser


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_find_read_result_and_complain_on_a_phone(page, axe, shot, gov):
    project = imported_project(gov["market"], gov["editor"])
    bidder = CitizenFactory(display_name="李投标")
    page.set_viewport_size({"width": 360, "height": 780})
    sign_in(page, bidder)
    page.goto(page.base + "/ggzy/")
    page.get_by_label("搜索", exact=True).fill("医疗设备")
    page.get_by_label("阶段").select_option("result")
    page.get_by_role("button", name="查询").click()
    page.get_by_role("link", name=project.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(project.title)
    expect(page.locator("#timeline ~ ol")).to_contain_text("广州康华医疗器械有限公司")
    assert _fits(page)
    violations, text = axe(page)
    assert violations == [], text
    page.get_by_role("link", name="我要投诉").click()
    page.get_by_label("针对的公告").select_option(
        label="2026-09-25 广州市第一人民医院医疗设备采购项目中标结果公告"
    )
    page.get_by_label("投诉人名称").fill("广州安信医疗科技有限公司")
    page.get_by_label("统一社会信用代码").fill("12345")
    page.get_by_label("联系电话").fill("020-83001234")
    page.get_by_label("投诉事项").fill("中标产品不满足招标文件技术参数。")
    page.get_by_label("事实依据").fill("探测器排数为64排，要求不少于128排。")
    page.get_by_label("投诉请求").fill("请求认定中标无效。")
    page.get_by_label("质疑和质疑答复情况").fill("9月21日质疑，9月24日收到答复。")
    page.get_by_role("button", name="提交投诉").click()
    expect(page.locator("form#complaint-form")).to_contain_text("统一社会信用代码")
    expect(page.get_by_label("事实依据")).to_have_value("探测器排数为64排，要求不少于128排。")
    assert _fits(page)
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "trading-complaint-360")
    page.get_by_label("统一社会信用代码").fill(BIDDER_CODE)
    page.get_by_role("button", name="提交投诉").click()
    expect(page).to_have_url(re.compile(r"/ggzy/my/\d+/$"))
    expect(page.locator("#complaint-state")).to_have_text("待审查")
    complaint = Complaint.objects.get(complainant=bidder)
    assert complaint.announcement.kind == "result" and complaint.credit_code == BIDDER_CODE


def test_correction_journey_on_phones(page, chromium, live_server, axe, shot, gov, tmp_path):
    """补正 at 360 px, real clock: a bidder files against a 工程建设 project (told 3 working
    days, not 5) → the officer asks for 补正 on the workbench (a refused form keeps the date)
    and sees the review clock paused → the bidder sends it (a refused text is kept; then with
    a file) → the officer, no longer blocked, accepts."""
    import datetime as dt

    from sunshine.opendata.trading.tests.factories import works_project

    project = works_project(gov["market"], gov["editor"])
    bidder = CitizenFactory(display_name="王建设")
    page.set_viewport_size({"width": 360, "height": 780})
    sign_in(page, bidder)
    page.goto(page.base + f"/ggzy/{project.pk}/complaint/")
    for label, value in [
        ("投诉人名称", "广州市某建筑工程有限公司"), ("统一社会信用代码", BIDDER_CODE),
        ("联系电话", "020-83001234"), ("投诉事项", "资格审查不公。"), ("事实依据", "业绩被错误认定。"),
        ("投诉请求", "请求重新评审。"), ("质疑和质疑答复情况", "已提出异议并收到答复。"),
    ]:  # fmt: skip
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="提交投诉").click()
    expect(page).to_have_url(re.compile(r"/ggzy/my/\d+/$"))
    expect(page.locator("body")).to_contain_text("监管部门将在3个工作日内")
    complaint = Complaint.objects.get(complainant=bidder)

    officer_context = chromium.new_context(viewport={"width": 360, "height": 780}, locale="zh-CN")
    officer_context.set_default_timeout(10_000)
    officer = officer_context.new_page()
    officer.base = live_server.url
    try:
        sign_in(officer, gov["editor"])
        officer.goto(officer.base + f"/workbench/trading/complaints/{complaint.pk}/")
        due = (dt.date.today() + dt.timedelta(days=10)).isoformat()
        officer.get_by_label("补正期限").fill(due)
        officer.get_by_role("button", name="通知补正").click()
        expect(officer.locator("#correct-form")).to_contain_text("此项必填")
        expect(officer.get_by_label("补正期限")).to_have_value(due)
        officer.get_by_label("需要补正的事项").fill("补充异议答复复印件。")
        officer.get_by_role("button", name="通知补正").click()
        expect(officer.locator("#clocks")).to_contain_text("计时暂停")
        expect(officer.locator("#awaiting-correction")).to_be_visible()
        expect(officer.get_by_role("button", name="受理", exact=True)).to_have_count(0)
        assert _fits(officer)
        shot(officer, "trading-correction-officer-360")

        page.reload()
        expect(page.locator("#correction-request")).to_contain_text("补充异议答复复印件。")
        expect(page.locator("#review-due")).to_contain_text("计时暂停")
        page.get_by_label("补正内容").fill("<b>已补充</b>")
        page.get_by_role("button", name="提交补正").click()
        expect(page.locator("form#correction-form")).to_contain_text("网页代码")
        expect(page.get_by_label("补正内容")).to_have_value("<b>已补充</b>")
        assert _fits(page)
        violations, text = axe(page)
        assert violations == [], text
        shot(page, "trading-correction-360")
        answer = tmp_path / "异议答复.txt"
        answer.write_text("异议答复：维持原评审结果。", encoding="utf-8")
        page.get_by_label("补正内容").fill("异议答复复印件见附件。")
        page.get_by_label("补正材料（可选）").set_input_files(answer)
        page.get_by_role("button", name="提交补正").click()
        expect(page.locator("#correction-text")).to_contain_text("异议答复.txt")

        officer.reload()
        expect(officer.locator("#correction-text")).to_contain_text("异议答复复印件见附件。")
        officer.get_by_role("button", name="受理", exact=True).click()
        expect(officer.locator("body")).to_contain_text("已受理。")
    finally:
        officer_context.close()
    page.reload()
    expect(page.locator("#complaint-state")).to_have_text("已受理")
