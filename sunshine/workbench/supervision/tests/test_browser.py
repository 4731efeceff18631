"""The 电子监察 dashboard in a real browser: a supervisor filters by period, sees the table,
the charts and the overdue list with its 督办 button, opens an agency; both pages pass axe
(also at 360 px in 适老化 mode)."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.testing.browser import sign_in
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.supervision import build_hall

pytestmark = pytest.mark.browser


def test_dashboard_filters_and_agency_page(page, axe, shot, province):
    supervision_hall = build_hall(province["transport"])
    supervisor = staff_with("supervisor", province["office"])
    sign_in(page, supervisor)
    page.get_by_role("navigation", name="工作台导航").get_by_role("link", name="电子监察").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("电子监察")
    page.get_by_label("统计期间").select_option("")
    page.get_by_label("起始日期").fill("2026-03-01")
    page.get_by_label("截止日期").fill("2026-03-31")
    page.get_by_role("button", name="统计").click()
    expect(page).to_have_url(re.compile(r"since=2026-03-01"))
    table = page.get_by_role("region", name=re.compile("各单位办件监察统计"))
    expect(table.get_by_role("row", name=re.compile("广东省交通运输厅"))).to_contain_text("66.7%")
    expect(page.get_by_role("img", name="各单位按时办结率")).to_be_visible()
    expect(
        page.get_by_role("link", name=f"督办 {supervision_hall['d'].number}").first
    ).to_be_visible()
    shot(page, "supervision-dashboard")
    violations, text = axe(page)
    assert violations == [], text

    table.get_by_role("link", name="广东省交通运输厅").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("广东省交通运输厅")
    expect(page.get_by_text(supervision_hall["d"].number).first).to_be_visible()
    violations, text = axe(page)
    assert violations == [], text

    page.set_viewport_size({"width": 360, "height": 800})
    page.context.add_cookies([{"name": "elder", "value": "1", "url": page.base}])
    page.reload()
    shot(page, "supervision-agency-360-elder")
    violations, text = axe(page)
    assert violations == [], text
