"""The staff pages of 网民留言 in a real browser with axe: queue with deadline colours, the
message page, a refused extension that keeps the reason, and a reply."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from sunshine.kernel import clock
from sunshine.participation.messages.models import Message
from sunshine.testing.browser import sign_in
from sunshine.testing.factories import CitizenFactory, staff_with
from sunshine.testing.factories.messages import submit

pytestmark = pytest.mark.browser


def test_queue_detail_extend_and_reply(page, axe, shot, province):
    transport = province["transport"]
    officer = staff_with("disclosure_officer", transport)
    citizen = CitizenFactory()
    with clock.frozen(dt.date(2026, 9, 1)):
        late = submit(citizen, agency=transport, subject="逾期未答复的留言")
    m = submit(citizen, agency=transport)
    sign_in(page, officer)
    page.goto(page.base + "/workbench/messages/")
    expect(page.locator(".badge-overdue")).to_contain_text("已逾期")
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "messages-queue")
    page.get_by_role("link", name=m.subject).click()
    violations, text = axe(page)
    assert violations == [], text
    page.locator("#id_extend-length").fill("15")
    page.locator("#id_extend-reason").fill("需要现场核查")
    page.locator("form[action$='/extend/'] button").click()
    expect(page.locator("#id_extend-length_error")).to_contain_text("10")
    expect(page.locator("#id_extend-reason")).to_have_value("需要现场核查")
    page.locator("#id_reply-body").fill("经核查，已约谈出租车公司并处罚驾驶员。")
    page.locator("form[action$='/reply/'] button").click()
    expect(page.locator(".messages")).to_contain_text("已答复")
    m.refresh_from_db()
    assert m.state == Message.State.REPLIED and m.is_published
    assert late.pk
