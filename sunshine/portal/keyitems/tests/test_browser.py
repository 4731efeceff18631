"""A citizen's 我要监督 on a 360 px phone (Chromium, headless, axe): the public list of key
items, a road project's progress (milestones, spending in 万元), 我要监督 asks to sign in and
comes back to the form; a too-short text is refused and kept; the question is sent, shown as
the citizen's own, and its clock runs at the department (5 working days)."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from sunshine.governance.keyitems import services
from sunshine.governance.keyitems.models import PublicQuestion
from sunshine.kernel.clock import frozen
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.testing.factories import PASSWORD
from sunshine.testing.factories.keyitems import ROAD, make_project

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide on a {PHONE['width']}px screen"


def _clean(page, axe):
    violations, text = axe(page)
    assert violations == [], text


@pytest.fixture
def road(kp):
    with frozen(dt.date(2026, 12, 1)):
        item = services.submit_item(actor=kp["editor"], item=make_project(kp))
        services.add_milestone(actor=kp["editor"], item=item, name="施工图设计批复",
                               planned_on=dt.date(2026, 5, 31))  # fmt: skip
        services.record_spending(actor=kp["editor"], item=item, spent_on=dt.date(2026, 4, 15),
                                 amount="86000000", purpose="勘察设计费")  # fmt: skip
    return item


def test_citizen_supervises_a_project_on_a_phone(page, axe, shot, kp, road):
    page.set_viewport_size(PHONE)
    page.goto(page.base + "/zyzq/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text(ROAD)
    _no_sideways_scroll(page)
    _clean(page, axe)
    page.get_by_role("link", name=ROAD).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ROAD)
    main = page.locator("main")
    expect(main).to_contain_text("施工图设计批复")
    expect(main).to_contain_text("8,600.00 万元")
    _no_sideways_scroll(page)
    _clean(page, axe)
    shot(page, "keyitems-portal-detail-360")

    # 我要监督 asks a visitor to sign in, then comes back to the form.
    page.get_by_role("link", name="我要监督").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("电子邮箱").fill(kp["citizen"].email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(rf"/zyzq/{road.pk}/jd/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("我要监督")
    _no_sideways_scroll(page)

    box = page.get_by_label("监督内容")
    box.fill("太短")
    page.get_by_role("button", name="提交监督意见").click()
    expect(page.locator("main")).to_contain_text("监督内容太短")
    expect(page.get_by_label("监督内容")).to_have_value("太短")
    _no_sideways_scroll(page)
    _clean(page, axe)
    shot(page, "keyitems-portal-supervise-refused-360")

    text = "请公开第二标段的征地补偿标准和施工计划。"
    page.get_by_label("监督内容").fill(text)
    page.get_by_role("button", name="提交监督意见").click()
    expect(page).to_have_url(re.compile(rf"/zyzq/{road.pk}/#mine$"))
    expect(page.get_by_role("status")).to_contain_text("5个工作日内答复")
    expect(page.locator("#mine")).to_contain_text("第二标段的征地补偿标准")
    expect(page.locator("#mine")).to_contain_text("待答复")
    _clean(page, axe)
    question = PublicQuestion.objects.get()
    assert question.author == kp["citizen"] and question.text == text
    running = open_clock(question, "keyitems.question_reply")
    assert running is not None and running.agency_id == kp["transport"].pk
