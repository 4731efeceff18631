"""回应关切 in a real browser: the list and an event's page pass axe, also at 360 px and in
适老化 mode, and never show the internal items."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from sunshine.kernel import clock
from sunshine.participation.opinion import services
from sunshine.testing.factories.opinion import T0, event, respond

pytestmark = pytest.mark.browser
H = dt.timedelta(hours=1)


def test_responses_page_is_accessible(page, axe, shot, opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        services.capture_items(
            event=e,
            actor=opinion_people["drafter"],
            items=[{"text": "内部采集的帖子", "source": "weibo", "captured_at": T0}],
        )
        respond(opinion_people, e, url="https://jtj.gz.example.gov.cn/tzgg/1.html")
    with clock.frozen(T0 + 20 * H):
        respond(
            opinion_people,
            e,
            kind="press_conference",
            channel="press_conference",
            text="今天下午召开新闻发布会，通报塌陷原因和修复进度。",
        )
    page.goto(page.base + "/hygz/")
    expect(page.get_by_role("heading", level=1)).to_have_text("回应关切")
    expect(page.get_by_role("link", name=e.title)).to_have_count(2)
    expect(page.get_by_text("内部采集的帖子")).to_have_count(0)
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "opinion-hygz")
    page.get_by_role("link", name=e.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(e.title)
    expect(page.get_by_text("新闻发布会").first).to_be_visible()
    violations, text = axe(page)
    assert violations == [], text
    page.set_viewport_size({"width": 360, "height": 800})
    page.context.add_cookies([{"name": "elder", "value": "1", "url": page.base}])
    page.reload()
    violations, text = axe(page)
    assert violations == [], text
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    shot(page, "opinion-hygz-detail-360-elder")
