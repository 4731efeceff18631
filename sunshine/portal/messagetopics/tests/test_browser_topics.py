"""留言热点 and 留言统计 in a real browser: axe finds no violations, a topic opens with its
published messages, the statistics page draws its bars without scripts, also at 360 px."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from sunshine.participation.messagetopics import grouping
from sunshine.participation.messagetopics.factories import MessageGroupFactory
from sunshine.testing.factories.messagetopics import make_message

pytestmark = pytest.mark.browser


def _topic(province, i, now):
    messages = [
        make_message(
            subject=f"内部主题{i}",
            public_subject=f"A市第{i}号路段路灯不亮（{k}）",
            is_published=True,
            category="交通运输",
            agency=province["transport"],
            submitted_at=now - dt.timedelta(days=i, hours=k),
            votes_up=3,
        )
        for k in range(2 + i)
    ]
    return MessageGroupFactory(messages=messages, label="路灯", representative=None)


def test_hot_topics_and_statistics_pages(page, axe, shot, province):
    from django.utils import timezone

    now = timezone.now()
    for i in range(3):
        _topic(province, i, now)
    grouping.refresh_hot_scores()

    page.goto(page.base + "/hdjl/rd/")
    expect(page.get_by_role("heading", level=1)).to_have_text("留言热点")
    expect(page.get_by_role("link", name=re.compile("第0号路段"))).to_be_visible()
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "messagetopics-hot")

    page.get_by_role("link", name=re.compile("第2号路段")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("第2号路段")
    expect(page.locator("tbody tr")).to_have_count(4)
    violations, text = axe(page)
    assert violations == [], text

    page.goto(page.base + "/hdjl/tj/")
    expect(page.get_by_role("heading", level=1)).to_have_text("留言统计")
    expect(page.locator(".mt-chart li").first).to_contain_text("交通运输")
    violations, text = axe(page)
    assert violations == [], text
    page.set_viewport_size({"width": 360, "height": 800})
    page.get_by_label("年份").select_option(str(now.year))
    page.get_by_role("button", name="查看").click()
    expect(page).to_have_url(re.compile(rf"year={now.year}"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360 + 1
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "messagetopics-stats-360")
