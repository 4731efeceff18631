"""关注 on a 360 px phone (Chromium, axe): a visitor follows a record by e-mail, opens the link
of the confirmation mail (real SMTP) and is subscribed; a signed-in citizen follows in one click
and finds it in 我的订阅."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.kernel.notify.models import Subscription
from sunshine.kernel.notify.tests import conftest as notify_fixtures
from sunshine.testing.browser import sign_in
from sunshine.testing.factories import CitizenFactory
from sunshine.testing.factories.records import record_in

pytestmark = pytest.mark.browser
smtp_server = notify_fixtures.smtp_server


def test_follow_a_record_on_a_phone(page, axe, shot, smtp_server, settings):
    settings.NOTIFY_BASE_URL = page.base
    record = record_in("published", title="关于推进政务公开的通知")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base + f"/zcwj/{record.pk}/")
    box = page.locator(".follow")
    box.get_by_label("电子邮箱").fill("zhao@example")
    box.get_by_role("button", name="关注").click()
    expect(page.get_by_role("alert")).to_be_visible()  # refused, with the address kept
    expect(page.get_by_label("电子邮箱")).to_have_value("zhao@example")
    page.get_by_label("电子邮箱").fill("zhao@example.cn")
    page.get_by_role("button", name="关注").click()
    expect(page.get_by_text("确认邮件已发送到 zhao@example.cn")).to_be_visible()
    assert page.url.endswith(f"/zcwj/{record.pk}/")
    violations, text = axe(page)
    assert violations == [], text
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "follow-record-360")

    run_worker_batch()
    [mail] = smtp_server.messages
    link = re.search(r"(http\S+/confirm/\S+/)", mail.get_content()).group(1)
    page.goto(link)
    page.get_by_role("button").filter(has_text="确认").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("订阅成功")
    sub = Subscription.objects.get(email="zhao@example.cn")
    assert (sub.topic, sub.confirmed) == (f"record.{record.pk}", True)

    citizen = CitizenFactory(email="wang@example.cn")
    sign_in(page, citizen, next_url=f"/zcwj/{record.pk}/")
    page.locator(".follow").get_by_role("button", name="关注").click()
    expect(page.locator(".follow")).to_contain_text("您已关注")
    page.goto(page.base + "/wode/subscriptions/")
    expect(page.get_by_role("heading", level=2, name="关于推进政务公开的通知")).to_be_visible()
    violations, text = axe(page)
    assert violations == [], text
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "mine-subscriptions-360")
