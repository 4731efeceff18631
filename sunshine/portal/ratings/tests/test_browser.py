"""好差评公示 in a real browser: axe clean, readable at 360 px and in 适老化 mode."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sunshine.kernel.ratings import services

pytestmark = pytest.mark.browser


def publish_one(rateables, citizen, staff):
    item = rateables.make(rater=citizen, finished_at=timezone.now() - dt.timedelta(days=1))
    rating = services.rate(
        obj=item, rater=citizen, level="dissatisfied", comment="窗口排队时间太长"
    )
    case = rating.case
    officer = staff["officer"]
    services.record_callback(case=case, actor=officer, reached=True, note="已电话回访")
    services.verify_case(case=case, actor=officer, founded=True, note="属实")
    services.record_rectification(case=case, actor=officer, note="增开窗口")
    services.publish_case_outcome(
        case=case, actor=officer, text="已在高峰时段增开两个综合窗口，平均等候时间缩短至 15 分钟。"
    )
    for level in ("very_satisfied", "satisfied", "basic"):
        other = rateables.make(rater=citizen, finished_at=timezone.now() - dt.timedelta(days=1))
        services.rate(obj=other, rater=citizen, level=level)
    return case


def test_hcp_page(page, axe, shot, rateables, citizen, staff):
    publish_one(rateables, citizen, staff)
    page.goto(page.base + "/hcp/")
    expect(page.get_by_role("heading", level=1)).to_have_text("好差评公示")
    expect(page.get_by_role("row", name=rateables.handler.name)).to_contain_text("75%")
    expect(page.get_by_text("已在高峰时段增开两个综合窗口")).to_be_visible()
    shot(page, "hcp")
    violations, text = axe(page)
    assert violations == [], text

    page.get_by_role("link", name="事项").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("差评整改结果")
    violations, text = axe(page)
    assert violations == [], text

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(page.base + "/hcp/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width
    shot(page, "hcp-360")
    page.get_by_role("link", name="适老化模式").click()
    expect(page.locator("body.elder")).to_have_count(1)
    violations, text = axe(page)
    assert violations == [], text
