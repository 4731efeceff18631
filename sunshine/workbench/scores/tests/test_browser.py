"""政务公开考核 in a real browser (Chromium, headless, axe): the general office's 督查 opens the
ranking, drills down to an agency's score and to the clocks behind its 按时率, on a desktop
and on a 360 px phone."""

import pytest
from playwright.sync_api import expect

from sunshine.testing.browser import sign_in

from .test_views import scored  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


def test_supervisor_drills_from_ranking_to_evidence(page, axe, shot, scored):  # noqa: F811
    run, supervisor, province = scored
    sign_in(page, supervisor, next_url="/workbench/scores/")
    page.get_by_role("link", name="排名").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("考核排名")
    ranking = page.locator("#ranking")
    expect(ranking).to_contain_text("广东省交通运输厅")
    violations, text = axe(page)
    assert violations == [], text
    page.set_viewport_size({"width": 360, "height": 740})
    shot(page, "scores-ranking-360")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360 + 1, width  # the table scrolls inside its wrapper, not the page
    ranking.get_by_role("link", name="广东省交通运输厅").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("广东省交通运输厅")
    expect(page.locator("#total")).to_have_text("31.25")
    page.locator("#lines").get_by_role("link", name="2 项").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("留言按时办结率")
    evidence = page.locator("#evidence")
    expect(evidence).to_contain_text("逾期办结")
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "scores-evidence-360")
    evidence.get_by_role("link").first.click()
    expect(page).to_have_url(
        f"{page.base}/workbench/clocks/{run.scores.get(agency=province['transport']).lines.get(code='ontime').evidence[0]['id'].split(':')[1]}/"
    )
