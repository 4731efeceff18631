"""The public 期限看板 in a real browser (Chromium, headless, axe) on a 360 px phone: the
figures, the chart and the definitions fit the screen (the tables scroll in their own box),
the period filter keeps a wrong date and says what is wrong, the agency chooser opens the
agency's board, and 适老化 mode still fits."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from sunshine.assessment.clockboard.tests.handworked import NOW, build_clocks
from sunshine.kernel import clock
from sunshine.kernel.deadlines import stats

pytestmark = pytest.mark.browser

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_board_on_a_phone_and_in_elder_mode(page, axe, shot, province):
    cache.clear()
    clocks = build_clocks(province)
    stats.refresh_facts()
    with clock.frozen(NOW):
        page.set_viewport_size({"width": 360, "height": 740})
        # the server's first request imports every URLconf: slow on a loaded machine
        page.goto(page.base + "/qxkb/?period=y2026", timeout=60_000)
        expect(page.get_by_role("heading", level=1)).to_have_text("期限看板")
        main = page.locator("main")
        expect(main).to_contain_text("依申请公开答复")
        expect(main).to_contain_text("指标说明")
        chart = page.get_by_role("img", name="按期办结率 66.7%（办结 3 件）")
        expect(chart).to_be_visible()
        assert chart.bounding_box()["width"] > 200  # the bar has the whole width on a phone
        assert page.evaluate(OVERFLOW) <= 0
        shot(page, "clockboard-360")
        violations, text = axe(page)
        assert violations == [], text

        page.get_by_label("开始日期").fill("2026-10-31")
        page.get_by_label("结束日期").fill("2026-10-01")
        page.get_by_role("button", name="查看").click()
        expect(main).to_contain_text("结束日期不能早于开始日期")
        expect(page.get_by_label("开始日期")).to_have_value("2026-10-31")

        page.get_by_label("开始日期").fill("")
        page.get_by_label("结束日期").fill("")
        page.get_by_label("机关", exact=True).select_option(label="广州市人民政府")
        page.get_by_label("统计期间", exact=True).select_option(label="2026年")
        page.get_by_role("button", name="查看").click()
        expect(page).to_have_url(page.base + f"/qxkb/{clocks['city'].pk}/?period=y2026")
        expect(page.get_by_role("heading", level=1)).to_have_text("期限看板 · 广州市人民政府")
        expect(main).to_contain_text("留言答复")
        expect(main).not_to_contain_text("依申请公开答复")

        page.goto(page.base + "/accessibility/elder/?next=/qxkb/?period=y2026")
        expect(page.locator("body.elder")).to_have_count(1)
        expect(page.get_by_role("img", name="按期办结率 66.7%（办结 3 件）")).to_be_visible()
        assert page.evaluate(OVERFLOW) <= 0
        shot(page, "clockboard-elder-360")
        violations, text = axe(page)
        assert violations == [], text
