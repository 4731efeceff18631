"""The 网民留言 pages in a real browser (Chromium, headless), with axe: the public list and
detail, the write form (suggestion shown live while typing; refused input keeps the text), and
"my messages" with the rating form."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.participation.messages import services
from sunshine.participation.messages.models import Message
from sunshine.testing.browser import sign_in
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.messages import answered

pytestmark = pytest.mark.browser


def test_public_list_and_detail(page, axe, shot, messages_people):
    m = answered(messages_people)
    page.goto(page.base + "/hdjl/ly/")
    expect(page.get_by_role("heading", level=1)).to_have_text("网民留言")
    violations, text = axe(page)
    assert violations == [], text
    page.get_by_role("link", name=m.public_subject).click()
    expect(page.locator(".msg-reply-text")).to_contain_text("张**您好")
    expect(page.locator(".msg-body")).not_to_contain_text("13812345678")
    violations, text = axe(page)
    assert violations == [], text
    page.set_viewport_size({"width": 360, "height": 800})
    shot(page, "messages-detail-360")


def test_write_form_suggestion_refusal_and_rating(page, axe, shot, messages_people):
    citizen = messages_people["citizen"]
    sign_in(page, citizen)
    page.goto(page.base + "/hdjl/ly/write/")
    violations, text = axe(page)
    assert violations == [], text
    page.get_by_label("留言主题").fill("火车站出租车拒载")
    page.get_by_label("留言详情").fill("<b>出租车</b>拒载、绕路、不打表，请加强管理。")
    # the script asks the server while the citizen types
    expect(page.locator("#msg-suggestion")).to_contain_text("交通运输", timeout=8000)
    expect(page.locator("#msg-suggestion")).to_contain_text("广东省交通运输厅")
    page.get_by_role("button", name="提交留言").click()
    expect(page.locator("#id_body_error")).to_contain_text("HTML")
    expect(page.get_by_label("留言详情")).to_have_value(
        "<b>出租车</b>拒载、绕路、不打表，请加强管理。"
    )
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "messages-write-refused")
    page.get_by_label("留言详情").fill("出租车拒载、绕路、不打表，请加强管理。")
    page.get_by_role("button", name="提交留言").click()
    expect(page).to_have_url(re.compile(r"/hdjl/ly/mine/$"))
    m = Message.objects.get()
    assert m.suggested_category == "交通运输" and m.state == "submitted"
    # dispatched and answered; the author rates the reply from "my messages"
    staff = staff_with("supervisor", messages_people["transport"])
    services.assign_message(message=m, agency=messages_people["transport"], actor=staff)
    services.reply_to_message(
        message=m, actor=messages_people["drafter"], body="已约谈出租车公司。"
    )
    page.goto(page.base + "/hdjl/ly/mine/")
    violations, text = axe(page)
    assert violations == [], text
    page.get_by_role("radio", name="不满意", exact=True).check()
    page.get_by_label("评价意见").fill("没有说明处理结果")
    page.get_by_role("button", name="提交评价").click()
    expect(page.locator(".messages")).to_contain_text("重新办理")
    m.refresh_from_db()
    assert m.state == "assigned" and m.reopen_count == 1
