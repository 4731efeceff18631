"""The citizen's journey through 我的 and 订阅 on a 360 px phone (Chromium, axe): sign in, open
我的 from the header, see the message with its tracker, read an inbox item (the badge drops),
open 订阅, have a bad e-mail address refused with the typed text kept, subscribe, and open a
feed styled for the browser."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.kernel.notify import services as notify
from sunshine.kernel.notify.models import Subscription
from sunshine.testing.browser import sign_in
from sunshine.testing.factories.messages import submit

pytestmark = pytest.mark.browser


def test_mine_inbox_and_subscribe_on_a_phone(page, axe, shot, messages_people):
    citizen = messages_people["citizen"]
    message = submit(citizen, agency=messages_people["transport"], subject="小区路灯不亮")
    notify.notify(
        event="message.assigned",
        recipients=[citizen],
        subject="您的留言正在办理",
        body="承办单位已收到您的留言。",
        url="/hdjl/ly/mine/",
    )
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, citizen)

    # 我的, from the header, with the unread badge.
    mine_link = page.locator("a.user-name")
    expect(mine_link).to_contain_text("我的")
    expect(mine_link.locator(".badge")).to_contain_text("1")
    mine_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("我的")
    card = page.locator("#messages")
    expect(card.get_by_role("link", name="小区路灯不亮")).to_be_visible()
    expect(card.locator('[aria-current="step"]')).to_contain_text("办理中")
    expect(card.locator(".tracker-todo")).to_have_count(2)  # 已答复, 已办结 still to come
    expect(card).not_to_contain_text("已派单")
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "mine-360")
    # No sideways scrolling on the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Read the inbox item: it opens the message page, and the badge is gone.
    page.locator("#mine-inbox-title + ul").get_by_role("link", name="您的留言正在办理").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("站内消息")
    violations, text = axe(page)
    assert violations == [], text
    page.get_by_role("button", name=re.compile("查看.*您的留言正在办理")).click()
    page.wait_for_url("**/hdjl/ly/mine/")
    expect(page.locator(f"#m{message.pk} [aria-current='step']")).to_contain_text("办理中")
    expect(page.locator("a.user-name .badge")).to_have_count(0)

    # 订阅: the page, a refused address keeps what was typed, then the double opt-in.
    page.goto(page.base + "/wode/")
    page.get_by_role("link", name="订阅", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("订阅")
    violations, text = axe(page)
    assert violations == [], text
    email = page.get_by_label("电子邮箱")
    email.fill("zhao@example")
    page.get_by_label("政策解读").check()
    page.get_by_role("button", name="发送确认邮件").click()
    expect(page.locator(".errorlist, [role=alert]").first).to_be_visible()
    expect(page.get_by_label("电子邮箱")).to_have_value("zhao@example")
    expect(page.get_by_label("政策解读")).to_be_checked()
    page.get_by_label("电子邮箱").fill("zhao@example.cn")
    page.get_by_role("button", name="发送确认邮件").click()
    expect(page.get_by_text("确认邮件已发送到 zhao@example.cn")).to_be_visible()
    sub = Subscription.objects.get(email="zhao@example.cn")
    assert (sub.topic, sub.confirmed) == ("column.zcjd", False)
    shot(page, "subscribe-360")

    # A feed opened in the browser reads as a page, not raw XML.
    page.locator("#main").get_by_role("link", name="政策文件", exact=True).click()
    expect(page.get_by_role("heading", name="这是一个订阅源（Atom）")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("政策文件")
    shot(page, "feed-styled-360")
