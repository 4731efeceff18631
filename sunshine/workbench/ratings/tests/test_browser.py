"""A 差评整改 case in a real browser: the callback form refuses markup and keeps the text,
then the case moves on; the page passes axe."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sunshine.kernel.ratings import services
from sunshine.testing.browser import sign_in

pytestmark = pytest.mark.browser


def test_case_page_callback(page, axe, shot, rateables, citizen, staff):
    item = rateables.make(rater=citizen, finished_at=timezone.now() - dt.timedelta(days=1))
    case = services.rate(obj=item, rater=citizen, level="very_dissatisfied", comment="态度差").case
    sign_in(page, staff["officer"])
    page.goto(page.base + "/workbench/ratings/")
    expect(
        page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="好差评")
    ).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", level=1)).to_have_text("差评整改")
    page.get_by_role("link", name=case.title).click()
    expect(page).to_have_url(re.compile(rf"/workbench/ratings/{case.pk}/$"))
    expect(page.get_by_text("13800138000")).to_be_visible()
    violations, text = axe(page)
    assert violations == [], text

    page.get_by_role("radio", name="是").check()
    page.get_by_label("回访记录").fill("<b>已回访</b> 评价人反映窗口态度差")
    page.get_by_role("button", name="登记回访").click()
    expect(page.get_by_text("请使用纯文字")).to_be_visible()
    expect(page.get_by_label("回访记录")).to_have_value("<b>已回访</b> 评价人反映窗口态度差")
    expect(page.get_by_role("radio", name="是")).to_be_checked()
    shot(page, "ratings-case-error")
    violations, text = axe(page)
    assert violations == [], text

    page.get_by_label("回访记录").fill("已回访，评价人反映窗口态度差")
    page.get_by_role("button", name="登记回访").click()
    expect(page.get_by_role("status")).to_contain_text("已登记回访")
    expect(page.get_by_role("heading", name="登记核实情况")).to_be_visible()
    case.refresh_from_db()
    assert case.state == "called_back"
    page.reload()
    shot(page, "ratings-case-called-back")
    violations, text = axe(page)
    assert violations == [], text
