"""Staff pages in a real browser: axe on a meeting's page (with its forms) and on the 主要负责人
coverage page; the seats form's refusal is shown and the meeting opens for applications."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from sunshine.kernel import clock
from sunshine.participation.meetings import services
from sunshine.testing.browser import sign_in
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.briefings import briefing
from sunshine.testing.factories.meetings import WHEN

pytestmark = pytest.mark.browser


def test_meeting_page_and_coverage_page(page, province, axe, shot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    officer = staff_with("disclosure_officer", province["transport"])
    meeting = services.create_meeting(
        actor=officer, agency=province["transport"], title="改扩建方案听证会", starts_at=WHEN,
        publish_modes=["minutes"],
    )  # fmt: skip
    with clock.frozen(datetime(2026, 7, 1, tzinfo=UTC)):
        briefing(officer, province["transport"], principal=province["transport"])
    sign_in(page, officer)
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="会议公开").click()
    page.get_by_role("link", name=meeting.title).click()
    violations, text = axe(page)
    assert violations == [], text
    page.get_by_role("button", name="开放列席报名").click()
    expect(page.locator("#id_announced_number_error")).to_be_visible()  # required
    page.get_by_label("预先公布的数字").fill("20261130")
    page.get_by_role("button", name="开放列席报名").click()
    expect(page.get_by_role("alert")).to_contain_text("请先设置列席名额")
    expect(page.get_by_label("预先公布的数字")).to_have_value("20261130")
    page.get_by_label("公众代表").fill("3")
    page.get_by_role("button", name="保存名额").click()
    expect(page.get_by_role("status")).to_contain_text("已保存列席名额")
    page.get_by_label("预先公布的数字").fill("20261130")
    page.get_by_role("button", name="开放列席报名").click()
    expect(page.locator(".tag").first).to_have_text("列席报名中")
    shot(page, "workbench-meeting")
    page.reload()
    violations, text = axe(page)
    assert violations == [], text
    page.goto(page.base + "/workbench/briefings/coverage/")
    expect(page.get_by_role("cell", name="已宣讲")).to_be_visible()
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "workbench-briefings-coverage")
