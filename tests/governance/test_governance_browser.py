"""The 权力清单 and 双随机 public pages in Chromium over the demo data: filters work, and axe
finds no accessibility violation (WCAG 2.1 A/AA)."""

import pytest

from sunshine.demo import kernel_data, powers_data, spotchecks_data
from sunshine.governance.spotchecks.models import SpotCheckPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_power_list_and_published_draw(page, axe, shot):
    kernel_data.load()
    powers_data.load()
    spotchecks_data.load()
    page.goto(page.base + "/qlqd/")
    page.select_option("#f-kind", "inspection")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**/qlqd/?**kind=inspection**")
    rows = page.locator("table tbody tr")
    assert rows.count() == 3
    violations, text = axe(page)
    assert not violations, text
    shot(page, "powers-list")
    page.get_by_role("link", name="对公路建设市场的监督检查").click()
    assert "《广东省公路条例》" in page.content()
    violations, text = axe(page)
    assert not violations, text
    plan = SpotCheckPlan.objects.get(state="published")
    page.goto(f"{page.base}/sjgk/{plan.pk}/")
    assert plan.seed_hex in page.content()
    violations, text = axe(page)
    assert not violations, text
    shot(page, "spotcheck-draw")
