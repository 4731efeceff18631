"""The public meeting and briefing pages in a real browser: the 列席 application form (a refused
submission keeps every word, then succeeds), axe on /hygk/, a meeting, its draw, /xwfbh/ and a
briefing; no sideways scrolling at 360 px."""

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from sunshine.kernel import clock
from sunshine.participation.meetings.models import AttendanceApplication
from sunshine.testing.factories import PASSWORD, CitizenFactory, staff_with
from sunshine.testing.factories.briefings import briefing
from sunshine.testing.factories.meetings import drawn_meeting, open_meeting

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def no_sideways_scroll(page):
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways: {width}px"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_apply_to_attend_keeps_text_when_refused(page, province, axe, shot):
    officer = staff_with("disclosure_officer", province["transport"])
    meeting = open_meeting(officer, province["transport"], {"public": 2, "expert": 1})
    citizen = CitizenFactory()
    page.goto(page.base + "/hygk/")
    violations, text = axe(page)
    assert violations == [], text
    no_sideways_scroll(page)
    page.get_by_role("link", name=meeting.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(meeting.title)
    violations, text = axe(page)
    assert violations == [], text
    page.get_by_role("link", name="报名列席").click()
    expect(page).to_have_url(re.compile("/accounts/login/"))
    page.get_by_label("电子邮箱").fill(citizen.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(rf"/hygk/{meeting.pk}/apply/$"))

    reason = "我住在沿线，关心施工期间的出行。<b>请重视</b>"
    page.get_by_label("姓名或单位名称").fill("王市民")
    page.get_by_label("联系方式").fill("13800138000")
    page.get_by_label("申请理由").fill(reason)
    page.get_by_role("button", name="提交报名").click()
    # No category and markup in the reason: both messages, everything typed still there.
    expect(page.locator("#id_category_error")).to_contain_text("请选择列席类别")
    expect(page.locator("#id_reason_error")).to_contain_text("网页代码")
    expect(page.get_by_label("申请理由")).to_have_value(reason)
    expect(page.get_by_label("姓名或单位名称")).to_have_value("王市民")
    expect(page.get_by_label("联系方式")).to_have_value("13800138000")
    shot(page, "meetings-apply-error")
    violations, text = axe(page)
    assert violations == [], text
    no_sideways_scroll(page)

    page.get_by_role("radio", name=re.compile("公众代表")).check()
    page.get_by_label("申请理由").fill("我住在沿线，关心施工期间的出行。")
    page.get_by_role("button", name="提交报名").click()
    expect(page).to_have_url(re.compile(rf"/hygk/{meeting.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text("报名成功")
    application = AttendanceApplication.objects.get()
    expect(page.get_by_role("note")).to_contain_text(f"申请编号 {application.pk}")
    shot(page, "meetings-applied")


def test_axe_on_draw_and_briefing_pages(page, province, axe, shot):
    officer = staff_with("disclosure_officer", province["transport"])
    meeting = drawn_meeting(officer, province["transport"])
    page.goto(page.base + f"/hygk/{meeting.pk}/draw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("列席抽签结果")
    violations, text = axe(page)
    assert violations == [], text
    no_sideways_scroll(page)
    shot(page, "meetings-draw")
    with clock.frozen(datetime(2026, 7, 1, tzinfo=UTC)):
        item = briefing(officer, province["transport"], principal=province["transport"])
    page.goto(page.base + "/xwfbh/")
    violations, text = axe(page)
    assert violations == [], text
    no_sideways_scroll(page)
    page.get_by_role("link", name=item.title).click()
    expect(page.get_by_role("heading", name="文字实录")).to_be_visible()
    violations, text = axe(page)
    assert violations == [], text
    no_sideways_scroll(page)
    shot(page, "briefings-detail")
    # 适老化 mode
    page.get_by_role("link", name="适老化模式").click()
    violations, text = axe(page)
    assert violations == [], text
