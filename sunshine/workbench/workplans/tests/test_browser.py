"""The journey in a real browser, on a 360 px phone: an agency's 公开办 opens its plan from the
workbench, adds a task (owner, 完成期限), uploads the plan document and submits; the general
office then sees the agency as 按时报送 in the round's overview. The pages pass axe and do
not scroll sideways."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from sunshine.assessment.workplans import services
from sunshine.assessment.workplans.models import WorkPlan
from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.testing.browser import sign_in
from sunshine.testing.factories.kernel import staff_with

pytestmark = pytest.mark.browser
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def check(page, axe):
    violations, text = axe(page)
    assert violations == [], text
    assert page.evaluate(OVERFLOW) <= 0


def test_an_officer_submits_the_plan_on_a_phone_and_the_office_sees_it(
    page, axe, shot, gov, media, tmp_path
):
    officer = staff_with(Role.DISCLOSURE_OFFICER, gov["market"], display_name="公开办李")
    today = clock.today()
    round_ = services.open_round(
        actor=gov["supervisor"],
        year=today.year + 1,
        due_date=today + dt.timedelta(days=30),
        agencies=[gov["market"], gov["env"]],
    )
    plan = WorkPlan.objects.get(round=round_, agency=gov["market"])
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, officer)
    page.goto(page.base + "/workbench/workplans/")
    page.get_by_role("link", name=round_.title).first.click()
    expect(page).to_have_url(re.compile(rf"/workbench/workplans/plans/{plan.pk}/$"))
    check(page, axe)

    page.get_by_label("任务", exact=True).fill("完善主动公开基本目录")
    page.get_by_label("责任人").select_option(label="王起草")
    page.get_by_label("完成期限").fill(f"{today + dt.timedelta(days=90):%Y-%m-%d}")
    page.get_by_role("button", name="添加任务").click()
    expect(page.get_by_role("status")).to_contain_text("已添加任务")
    expect(page.locator(".plan-tasks")).to_contain_text("完善主动公开基本目录")

    document = tmp_path / "2027年政务公开工作计划.txt"
    document.write_text("一、工作目标\n二、重点任务\n", encoding="utf-8")
    page.locator("#id_document").set_input_files(str(document))
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_role("status")).to_contain_text("已上传计划文件")

    page.get_by_label("计划要点").fill("五公开、重点领域信息公开、解读回应。")
    page.get_by_role("button", name="报送工作计划").click()
    expect(page.get_by_role("status")).to_contain_text("已报送")
    expect(page.locator("#plan-state")).to_have_text("已报送")
    check(page, axe)
    shot(page, "workplans-submitted-360")

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, gov["supervisor"])
    page.goto(page.base + f"/workbench/workplans/rounds/{round_.pk}/")
    row = page.locator(f'tr[data-agency="{gov["market"].name}"]')
    expect(row).to_contain_text("按时报送")
    expect(row).to_contain_text("0/1")
    expect(page.locator(f'tr[data-agency="{gov["env"].name}"]')).to_contain_text("待报送")
    expect(page.locator('[data-total="on_time"]')).to_have_text("1")
    check(page, axe)
    shot(page, "workplans-overview")
