"""An invited agency answers its part of a 会商 in a real browser: from the workbench queue to
its part (axe-clean), a refused empty answer, then the answer recorded and the clock stopped;
the other agency's question never shows."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from sunshine.kernel import clock
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.participation.opinion.models import CoordinationPart
from sunshine.testing.browser import sign_in
from sunshine.testing.factories.opinion import T0, coordination, event, make_coordination_people

pytestmark = pytest.mark.browser
H = dt.timedelta(hours=1)


def test_invited_agency_answers_its_part(page, axe, shot, province):
    people = make_coordination_people(province)
    with clock.frozen(T0 + H):
        e = event(people)
        c = coordination(people, e)
    part = CoordinationPart.objects.get(coordination=c, agency=people["housing"])
    sign_in(page, people["housing_reviewer"], next_url="/workbench/")
    # 我的待办 (the dashboard's queue) leads to the part
    page.get_by_role("region", name="我的待办").get_by_role("link", name=c.topic).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("会商答复")
    expect(page.get_by_text("请说明塌陷路段地下管线的权属和近期排查情况。")).to_be_visible()
    expect(page.get_by_text("请说明当日降雨量")).to_have_count(0)  # the other agency's part
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "opinion-coordination-part")

    page.get_by_role("button", name="提交答复").click()
    expect(page.locator("#id_ans-answer_error")).to_be_visible()
    page.get_by_role("textbox", name="答复意见").fill("<b>管线</b>上月已排查")
    page.get_by_role("button", name="提交答复").click()
    expect(page.locator("#id_ans-answer_error")).to_contain_text("网页代码")
    expect(page.get_by_role("textbox", name="答复意见")).to_have_value(re.compile("上月已排查"))
    page.get_by_role("textbox", name="答复意见").fill(
        "塌陷路段管线属市政排水公司，上月已排查，未见隐患。"
    )
    page.get_by_role("button", name="提交答复").click()
    expect(page.get_by_role("status")).to_contain_text("已答复")
    expect(page.locator("#pt-answer-text")).to_contain_text("上月已排查，未见隐患")
    part.refresh_from_db()
    assert part.state == "answered" and part.answered_by == people["housing_reviewer"]
    assert clocks_for(part).get().state == "stopped"
    violations, text = axe(page)
    assert violations == [], text
