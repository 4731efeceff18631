"""The FOI workbench in a real browser with axe: the queue, the detail page (replying with an
outcome generates the letters) and the annual tables."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.disclosure.foi.models import InfoRequest
from sunshine.kernel.accounts.roles import Role
from sunshine.testing.factories import PASSWORD, staff_with

from .test_workbench import make

pytestmark = pytest.mark.browser


def test_officer_replies_in_the_browser(page, axe, shot, province):
    transport = province["transport"]
    officer = staff_with(Role.DISCLOSURE_OFFICER, transport)
    request = make(transport, officer)
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("电子邮箱").fill(officer.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile("/workbench/$"))
    page.goto(page.base + "/workbench/foi/")
    violations, text = axe(page)
    assert violations == [], text
    page.get_by_role("link", name=request.number).click()
    violations, text = axe(page)
    assert violations == [], text
    page.locator("summary", has_text="答复并生成告知书").click()
    page.get_by_label("办理结果").select_option(label="属于四类过程性信息")
    page.get_by_role("button", name="答复", exact=True).click()
    expect(page.locator("dd", has_text="属于四类过程性信息")).to_be_visible()
    expect(page.locator(".message-success")).to_contain_text("已答复（不予公开")
    shot(page, "foi-workbench-replied")
    request.refresh_from_db()
    assert request.outcome == "withheld_process" and request.letter_pdf
    page.reload()
    violations, text = axe(page)
    assert violations == [], text
    page.goto(
        page.base + f"/workbench/foi/annual/?agency={transport.pk}&year={request.received_on.year}"
    )
    violations, text = axe(page)
    assert violations == [], text
    assert InfoRequest.objects.count() == 1
