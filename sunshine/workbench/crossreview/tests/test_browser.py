"""A reviewer fills and submits a cross-review score sheet in a real browser: a score above its
maximum is refused with every typed value kept, the draft is saved and comes back, then the
sheet is submitted; the page passes axe."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from sunshine.governance.crossreview import services
from sunshine.testing.browser import sign_in
from sunshine.testing.factories.crossreview import (
    assign_pairs,
    fill,
    make_people,
    make_round,
    sheet_of,
    use_scheme,
)

pytestmark = pytest.mark.browser


def test_reviewer_fills_and_submits_a_score_sheet(page, axe, shot, province):
    people = make_people(province)
    round_ = make_round(people)
    use_scheme(people, round_)
    assign_pairs(people, round_, [("education", "transport")])
    services.start_round(actor=people.supervisor, round_=round_)
    sheet = sheet_of(round_, "education", "transport", people)

    sign_in(page, people.officers["education"])
    page.goto(page.base + "/workbench/crossreview/")
    expect(page.get_by_role("heading", name="待我评分")).to_be_visible()
    page.get_by_role("link", name="广东省交通运输厅").click()
    expect(page).to_have_url(re.compile(rf"/workbench/crossreview/sheets/{sheet.pk}/$"))
    violations, text = axe(page)
    assert violations == [], text

    a = page.get_by_role("group", name=re.compile("基本目录"))
    b = page.get_by_role("group", name=re.compile("答复时限"))
    c = page.get_by_role("group", name=re.compile("年度报告"))
    a.get_by_label("得分（满分10）").fill("8")
    a.get_by_label("评分说明").fill("目录完整，更新及时。")
    b.get_by_label("得分（满分5）").fill("6")  # above its maximum
    c.get_by_label("得分（满分100）").fill("90")
    page.get_by_label("总体评价").fill("总体较好，解读需同步。")
    page.get_by_role("button", name="提交评分表").click()

    expect(b.get_by_text("得分须在0至5之间。")).to_be_visible()
    expect(a.get_by_label("得分（满分10）")).to_have_value("8")
    expect(a.get_by_label("评分说明")).to_have_value("目录完整，更新及时。")
    expect(b.get_by_label("得分（满分5）")).to_have_value("6")
    expect(page.get_by_label("总体评价")).to_have_value("总体较好，解读需同步。")
    shot(page, "crossreview-sheet-error")
    violations, text = axe(page)
    assert violations == [], text

    b.get_by_label("得分（满分5）").fill("4")
    c.get_by_label("得分（满分100）").fill("")
    page.get_by_role("button", name="暂存").click()
    expect(page.get_by_role("status")).to_contain_text("已暂存")
    page.reload()
    expect(b.get_by_label("得分（满分5）")).to_have_value("4")
    expect(c.get_by_label("得分（满分100）")).to_have_value("")
    sheet.refresh_from_db()
    assert sheet.state == "draft"

    c.get_by_label("得分（满分100）").fill("90")
    page.get_by_role("button", name="提交评分表").click()
    expect(page.get_by_role("status")).to_contain_text("评分表已提交")
    sheet.refresh_from_db()
    assert sheet.state == "submitted" and sheet.total == Decimal("82.00")
    shot(page, "crossreview-submitted")


def test_the_office_returns_a_sheet_and_the_reviewer_reads_why(page, axe, shot, province):
    """The general office sends a submitted sheet back from the round page (axe-clean, with the
    return and withdraw forms); the reviewer reads the reason on the sheet, corrects and
    submits again."""
    people = make_people(province)
    round_ = make_round(people)
    use_scheme(people, round_)
    assign_pairs(people, round_, [("education", "transport"), ("finance", "transport")])
    services.start_round(actor=people.supervisor, round_=round_)
    sheet = sheet_of(round_, "education", "transport", people)
    fill(sheet, people.officers["education"], ["8", "4", "90"])

    here = f"/workbench/crossreview/{round_.pk}/"
    sign_in(page, people.supervisor, next_url=here)
    row = page.get_by_role("row").filter(has_text="广东省教育厅").filter(has_text="已提交")
    row.get_by_label("退回理由").fill("第三项请说明依据。")
    violations, text = axe(page)
    assert violations == [], text
    row.get_by_role("button", name="退回修改").click()
    expect(page.get_by_role("status")).to_contain_text("评分表已退回评审人修改")
    expect(page.get_by_text("曾退回：第三项请说明依据。")).to_be_visible()
    shot(page, "crossreview-returned-office")

    page.context.clear_cookies()
    sign_in(
        page, people.officers["education"], next_url=f"/workbench/crossreview/sheets/{sheet.pk}/"
    )
    expect(page.locator("#returned-note")).to_contain_text("第三项请说明依据。")
    c = page.get_by_role("group", name=re.compile("年度报告"))
    expect(c.get_by_label("得分（满分100）")).to_have_value("90")  # kept, shown plainly
    violations, text = axe(page)
    assert violations == [], text
    c.get_by_label("得分（满分100）").fill("85")
    page.get_by_role("button", name="提交评分表").click()
    expect(page.get_by_role("status")).to_contain_text("评分表已提交")
    expect(page.locator("#returned-note")).to_have_count(0)
    sheet.refresh_from_db()
    assert sheet.state == "submitted" and sheet.total == Decimal("81.00")  # 40 + 24 + 17
