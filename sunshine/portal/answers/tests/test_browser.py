"""The citizen's path in a real browser (Chromium, headless), with axe: the consent box is
unchecked, a description that was answered before shows the public answer with "仍要提交",
what was typed is kept, and the confirmed application is submitted with the consent."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.disclosure.answers import services
from sunshine.disclosure.foi.models import InfoRequest
from sunshine.kernel.accounts.roles import Role
from sunshine.testing.browser import sign_in
from sunshine.testing.factories import CitizenFactory, make_id_number, staff_with
from sunshine.testing.factories.answers import replied

pytestmark = pytest.mark.browser
DESCRIPTION = "请提供2025年全省农村公路建设补助资金的分配明细表"


def test_consent_matching_answer_and_submit(page, axe, shot, province):
    transport = province["transport"]
    officer = staff_with(Role.DISCLOSURE_OFFICER, transport)
    answer = services.publish_answer(request=replied(transport, officer), actor=officer)
    citizen = CitizenFactory(
        display_name="赵一鸣", id_number=make_id_number(7), mobile="13900139000"
    )
    sign_in(page, citizen)
    page.goto(page.base + f"/ysqgk/{transport.pk}/apply/")
    consent = page.get_by_label("同意在去除个人信息后公开本申请的答复及提供的信息")
    expect(consent).not_to_be_checked()
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill(DESCRIPTION)
    page.get_by_role("radio", name="电子邮件").check()
    consent.check()
    page.get_by_role("button", name="提交申请").click()
    matches = page.locator("[data-answer-matches]")
    expect(matches).to_contain_text("已有公开答复，可直接查看")
    expect(
        matches.get_by_role("link", name=re.compile(re.escape(answer.title[:10])))
    ).to_be_visible()
    expect(page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述")).to_have_value(
        DESCRIPTION
    )
    expect(page.get_by_label("同意在去除个人信息后公开本申请的答复及提供的信息")).to_be_checked()
    assert not InfoRequest.objects.filter(applicant=citizen).exists()
    violations, text = axe(page)
    assert violations == [], text
    page.set_viewport_size({"width": 360, "height": 800})
    shot(page, "foi-apply-matching-answer-360")
    page.get_by_role("button", name="仍要提交").click()
    expect(page).to_have_url(re.compile(r"/ysqgk/my/\d+/receipt/$"))  # the 回执
    created = InfoRequest.objects.get(applicant=citizen)
    assert created.publish_consent is True and created.description == DESCRIPTION
    page.goto(page.base + f"/ysqgk/my/{created.pk}/")
    expect(page.locator("body")).to_contain_text("同意在去除个人信息后公开答复及提供的信息")

    page.goto(page.base + f"/ysqgk/gkdf/{answer.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(answer.title)
    violations, text = axe(page)
    assert violations == [], text
    page.goto(page.base + "/ysqgk/gkdf/?q=农村公路")
    expect(page.locator(".ans-list")).to_contain_text(answer.title)
    violations, text = axe(page)
    assert violations == [], text
