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
