"""行政执法公示 in a real browser (Chromium, headless, axe): an officer registers a 行政处罚 whose
party is a natural person — a wrong ID number is refused and nothing typed is lost — records the
decision's date and publishes it; a citizen finds it on the portal with the name masked, on a
360 px phone and in 适老化 mode."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from sunshine.governance.enforcement.models import EnforcementDecision
from sunshine.testing.browser import sign_in

pytestmark = pytest.mark.browser
FACTS = "当事人驾驶货车超限运输，车货总质量超过规定标准。"


def test_register_decide_publish_and_read_masked(page, axe, shot, gov):
    sign_in(page, gov["editor"], next_url="/workbench/enforcement/new/")
    page.get_by_label("决定类别").select_option(label="行政处罚")
    page.get_by_label("决定文书号").fill("粤市监罚〔2026〕77号")
    page.get_by_label("决定名称").fill("车辆超限运输案")
    page.get_by_label("行政相对人类别").select_option(label="自然人")
    page.get_by_label("行政相对人名称").fill("王小明")
    page.get_by_label("身份证号码").fill("110105194912310021")  # wrong check character
    page.get_by_label("依据", exact=True).fill("《公路安全保护条例》第六十四条")
    page.get_by_label("决定内容").fill("罚款人民币伍仟元。")
    page.get_by_label("违法事实（行政处罚）").fill(FACTS)
    page.get_by_label("罚款", exact=True).check()
    page.get_by_label("罚款金额（万元）").fill("0.5")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("body")).to_contain_text("校验位错误")
    expect(page.get_by_label("违法事实（行政处罚）")).to_have_value(FACTS)
    expect(page.get_by_label("罚款", exact=True)).to_be_checked()
    page.get_by_label("身份证号码").fill("11010519491231002X")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("车辆超限运输案")
    violations, text = axe(page)
    assert violations == [], text
    page.get_by_label("决定日期").fill(dt.date.today().isoformat())
    page.get_by_role("button", name="记录决定日期").click()
    expect(page.locator("body")).to_contain_text("请在7个工作日内公示")
    page.get_by_role("button", name="向社会公示").click()
    expect(page.locator("body")).to_contain_text("已向社会公示")
    decision = EnforcementDecision.objects.get()
    assert decision.state == "published"

    page.context.clear_cookies()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base + "/xzzf/")
    expect(page.locator("main")).to_contain_text("王**")
    expect(page.locator("main")).not_to_contain_text("王小明")
    shot(page, "enforcement-list-360")
    page.get_by_role("link", name="车辆超限运输案").click()
    expect(page).to_have_url(re.compile(rf"/xzzf/{decision.pk}/$"))
    expect(page.locator("main")).not_to_contain_text("11010519491231002X")
    expect(page.locator("dt:text-is('罚款金额（万元）') + dd")).to_have_text("0.5")
    violations, text = axe(page)
    assert violations == [], text
    page.goto(page.base + f"/accessibility/elder/?next=/xzzf/{decision.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("车辆超限运输案")
    shot(page, "enforcement-detail-elder-360")
    violations, text = axe(page)
    assert violations == [], text
