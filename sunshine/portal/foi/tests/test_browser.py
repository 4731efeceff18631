"""The guide page and the online form in a real browser (Chromium, headless), with axe: the
fee estimate is shown (server-rendered, refreshed by the script), a refused application keeps
the applicant's text, and a corrected one lands on "my request"."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.disclosure.foi.models import InfoRequest
from sunshine.testing.browser import sign_in

pytestmark = pytest.mark.browser


def test_guide_and_online_form(page, axe, shot, transport, citizen):
    page.goto(page.base + f"/ysqgk/{transport.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("政府信息公开申请指南")
    violations, text = axe(page)
    assert violations == [], text
    # The estimator: the script refreshes the amounts from the API while typing.
    page.get_by_label("本件为本月第几件申请").fill("31")
    page.get_by_label("所需信息约多少页").fill("101")
    expect(page.locator("[data-out=by_count]")).to_have_text("200")
    expect(page.locator("[data-out=by_volume]")).to_have_text("720")
    page.set_viewport_size({"width": 360, "height": 800})
    shot(page, "foi-guide-360")

    sign_in(page, citizen)
    page.goto(page.base + f"/ysqgk/{transport.pk}/apply/")
    expect(page.locator(".foi-nth")).to_contain_text("第 1 件")
    expect(page.locator("[data-out=by_count]")).to_have_text("0")
    page.get_by_label("居民身份证号码").fill("440106198001010001")
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill(
        "2026年全省高速公路服务区充电桩建设计划"
    )
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#id_id_number_error")).to_contain_text("校验位错误")
    expect(page.locator("#id_delivery_form_error")).to_contain_text("请选择获取信息的方式")
    expect(page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述")).to_have_value(
        "2026年全省高速公路服务区充电桩建设计划"
    )
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "foi-apply-refused")
    page.get_by_label("居民身份证号码").fill(citizen.id_number)
    page.get_by_role("radio", name="电子邮件").check()
    page.get_by_role("button", name="提交申请").click()
    expect(page).to_have_url(re.compile(r"/ysqgk/my/\d+/receipt/$"))  # the 回执
    request = InfoRequest.objects.get()
    expect(page.locator(".foi-receipt-confirm")).to_contain_text(request.number)
    violations, text = axe(page)
    assert violations == [], text
