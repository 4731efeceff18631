"""The 办件 queue and one application in a real browser: colours, bulk assign, a step with a
refused (empty) 补正 list keeping the typed comment; axe on both pages."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.servicehall.applications.models import ServiceApplication
from sunshine.testing.factories import PASSWORD, AgencyFactory, staff_with
from sunshine.testing.factories.applications import apply
from sunshine.testing.factories.servicehall import make_item

pytestmark = pytest.mark.browser


def test_a_handler_works_the_queue(page, axe, shot):
    agency = AgencyFactory(name="广东省交通运输厅")
    item = make_item(agency)
    apps = [apply(item) for _ in range(3)]
    reviewer = staff_with("reviewer", agency, display_name="林审核")
    drafter = staff_with("drafter", agency, display_name="陈起草")
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("电子邮箱").fill(reviewer.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(page.base + "/workbench/services/")
    expect(page.get_by_role("heading", level=1)).to_have_text("办件管理")
    expect(page.locator(".badge-due_soon")).to_have_count(3)
    violations, text = axe(page)
    assert violations == [], text
    for a in apps[:2]:
        page.get_by_label(f"选择 {a.number}").check()
    page.get_by_label("批量操作").select_option("assign")
    page.get_by_label("分派给").select_option(label="陈起草")
    page.get_by_role("button", name="执行").click()
    expect(page.get_by_text("分派 2 件。")).to_be_visible()
    assert ServiceApplication.objects.filter(assignee=drafter).count() == 2
    shot(page, "services-queue")

    page.get_by_role("link", name=apps[2].number).click()
    expect(page.get_by_role("heading", name="流转记录")).to_be_visible()
    form = page.locator("form", has=page.get_by_role("button", name="一次性告知补正"))
    form.get_by_label(re.compile("意见")).fill("材料扫描件不清晰")
    form.get_by_role("button", name="一次性告知补正").click()
    expect(page.get_by_text("请列出需要补正的材料或内容。")).to_be_visible()
    form = page.locator("form", has=page.get_by_role("button", name="一次性告知补正"))
    expect(form.get_by_label(re.compile("意见"))).to_have_value("材料扫描件不清晰")
    form.get_by_label(re.compile("需补正")).fill("营业执照副本\n车辆行驶证")
    form.get_by_role("button", name="一次性告知补正").click()
    expect(page.locator("h1 .tag")).to_have_text("补正")
    page.reload()
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "services-application")
