"""The journey in a real browser: an overdue clock's page → 发起问责 → the pre-filled form
confirmed → 调查核实 → 处理决定 (约谈 + 通报批评) → 结案; the pages pass axe."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.governance.accountability.models import AccountabilityCase
from sunshine.testing.browser import sign_in
from sunshine.testing.factories.accountability import overdue_clock

pytestmark = pytest.mark.browser


def test_overdue_clock_to_closed_case(page, axe, shot, acc):
    running = overdue_clock(acc.agency)
    sign_in(page, acc.supervisor)
    page.goto(page.base + f"/workbench/clocks/{running.pk}/")
    panel = page.get_by_role("region", name="问责")
    panel.get_by_role("link", name="发起问责").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("发起问责")
    expect(page.get_by_label("问责事项")).to_have_value(running.title)
    expect(page.get_by_label("问责对象单位")).to_have_value(str(acc.agency.pk))
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "accountability-open")
    page.get_by_label("问题线索").fill("该事项超过期限仍未办结，经提醒未改正。")
    page.get_by_role("button", name="确认立案").click()
    expect(page.get_by_role("status")).to_contain_text("已立案")
    case = AccountabilityCase.objects.get()
    expect(page).to_have_url(re.compile(rf"/workbench/accountability/{case.pk}/$"))
    expect(page.get_by_text("办理期限：")).to_be_visible()

    page.get_by_role("button", name="记录调查核实情况").click()  # empty: refused beside the field
    expect(page.get_by_text("请填写调查核实情况")).to_be_visible()
    page.get_by_label("调查核实情况").fill("经核实，逾期12个工作日，未申请延期。")
    page.get_by_role("button", name="记录调查核实情况").click()
    expect(page.get_by_role("status")).to_contain_text("已记录调查核实情况")

    page.get_by_role("checkbox", name="约谈").check()
    page.get_by_role("checkbox", name="通报批评").check()
    page.get_by_label("处理决定", exact=True).fill("约谈分管负责人，并在全省通报批评。")
    page.get_by_role("button", name="作出处理决定").click()
    expect(page.get_by_role("status")).to_contain_text("已作出处理决定")

    page.get_by_label("结案情况").fill("已完成约谈和通报，整改到位。")
    page.get_by_role("button", name="结案").click()
    expect(page.get_by_role("status")).to_contain_text("已结案")
    expect(page.get_by_role("heading", level=1)).to_contain_text("已结案")
    steps = page.get_by_role("region", name="办理环节")
    for text in ("立案", "调查核实", "处理决定", "结案", "约谈分管负责人"):
        expect(steps).to_contain_text(text)
    violations, text = axe(page)
    assert violations == [], text
    shot(page, "accountability-closed")
    case.refresh_from_db()
    assert case.state == "closed"
    assert sorted(o.kind for o in case.outcomes.all()) == ["circulated_criticism", "interview"]
    # back on the clock's page the case is listed
    page.goto(page.base + f"/workbench/clocks/{running.pk}/")
    expect(
        page.get_by_role("region", name="问责").get_by_role("link", name=case.title)
    ).to_be_visible()
