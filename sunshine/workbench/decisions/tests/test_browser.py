"""The officer's journey through a decision's statutory steps in a real browser: the 承办人
picks the 公众参与 consultation in the picker (a consultation whose 采纳情况 is not published is
offered greyed with the reason), records 专家论证 and 风险评估, tries 集体讨论 too early (refused,
naming 合法性审查, Art. 25), sends the draft to the legal office; the legal office's reviewer
answers; the 集体讨论 is recorded; the head decides. axe on the decision page at each stage,
and at 360 px in 适老化 mode (also the picker and the catalogs page)."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.governance.decisions.models import Decision
from sunshine.kernel import clock
from sunshine.testing.browser import sign_in
from sunshine.testing.factories.decisions import make_decision, make_people

from .participation import published_consultation

pytestmark = pytest.mark.browser


def check(page, axe):
    violations, text = axe(page)
    assert violations == [], text


def test_an_officer_takes_a_decision_through_its_steps(page, axe, shot, province):
    people = make_people(province)
    published_consultation(people)
    published_consultation(people, title="城市停车收费调整方案（征求意见稿）", feedback=False)
    decision = make_decision(people, level="executive")
    here = f"/workbench/decisions/{decision.pk}/"

    sign_in(page, people.drafter, next_url=here)
    expect(page.get_by_role("heading", level=1)).to_contain_text(decision.title)
    expect(page.locator("#missing-steps")).to_contain_text(
        "公众参与、专家论证、风险评估、合法性审查、集体讨论决定"
    )
    participation = page.locator("#step-public_participation")
    waiting = participation.get_by_role("radio", name=re.compile("城市停车收费调整方案"))
    expect(waiting).to_be_disabled()
    expect(participation).to_contain_text("不计入：该征求意见尚未公布采纳情况。")
    check(page, axe)
    shot(page, "decision-steps-start")

    participation.get_by_role("button", name="记录").click()  # nothing picked: refused
    expect(participation.get_by_text("请选择一个征求意见或听证会")).to_be_visible()
    participation.get_by_role("radio", name=re.compile("广州至湛江高速公路建设规划")).check()
    participation.get_by_role("button", name="记录").click()
    expect(page.get_by_role("status")).to_contain_text("已记录“公众参与”")
    expect(participation).to_contain_text("征求意见：广州至湛江高速公路建设规划（征求意见稿）")

    experts = page.locator("#step-expert_review")
    experts.get_by_label("论证专家（每行一位）").fill("王建华（道路工程）\n刘敏（交通规划）")
    experts.get_by_label("专家书面论证意见").fill("方案技术可行，建议优化施工时序。")
    experts.get_by_role("button", name="记录").click()
    expect(page.get_by_role("status")).to_contain_text("已记录“专家论证”")

    risk = page.locator("#step-risk_assessment")
    risk.get_by_label("风险等级").select_option("medium")
    risk.get_by_label("风险评估报告").fill("征地拆迁存在中等社会稳定风险，已有化解预案。")
    risk.get_by_role("button", name="记录").click()
    expect(page.get_by_role("status")).to_contain_text("已记录“风险评估”")

    today = clock.today().isoformat()
    collective = page.locator("#step-collective_decision")

    def fill_meeting():
        collective.get_by_label("会议名称").fill("省政府第12次常务会议")
        collective.get_by_label("会议日期").fill(today)
        collective.get_by_label("出席人员").fill("省长、副省长、秘书长")
        collective.get_by_label("会议纪要").fill("会议讨论并原则通过。")
        collective.get_by_label("行政首长最后发表意见").check()
        collective.get_by_label("不同意见（如实载明）").fill("一名副省长建议分期建设。")

    fill_meeting()
    collective.get_by_role("button", name="记录").click()  # before the legality review
    expect(collective).to_contain_text("不得提交集体讨论（条例第二十五条）")
    expect(collective.get_by_label("会议纪要")).to_have_value("会议讨论并原则通过。")

    legality = page.locator("#step-legality_review")
    legality.get_by_label("合法性审查机构").select_option(label="广东省司法厅")
    legality.get_by_role("button", name="送请合法性审查").click()
    expect(page.get_by_role("status")).to_contain_text("已记录“合法性审查”")
    expect(legality).to_contain_text("审查中")
    expect(legality).to_contain_text("审查期限")
    check(page, axe)

    page.context.clear_cookies()
    sign_in(page, people.reviewer, next_url=here)
    legality = page.locator("#step-legality_review")
    legality.get_by_label("审查结论").select_option("lawful")
    legality.get_by_label("合法性审查意见").fill("符合《公路法》等规定，程序完备。")
    legality.get_by_role("button", name="提交审查意见").click()
    expect(page.get_by_role("status")).to_contain_text("已记录“合法性审查”")
    expect(legality).to_contain_text("审查结论：合法")

    page.context.clear_cookies()
    sign_in(page, people.drafter, next_url=here)
    collective = page.locator("#step-collective_decision")
    fill_meeting()
    collective.get_by_role("button", name="记录").click()
    expect(page.get_by_role("status")).to_contain_text("已记录“集体讨论决定”")
    expect(page.locator("#missing-steps")).to_have_count(0)

    page.context.clear_cookies()
    sign_in(page, people.head, next_url=here)
    page.get_by_label("决定内容").fill("原则同意，按三期组织实施。")
    page.get_by_role("button", name="作出决定", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("已办理：作出决定")
    expect(page.get_by_role("heading", level=1)).to_contain_text("已决定")
    check(page, axe)
    shot(page, "decision-steps-decided")
    assert Decision.objects.get(pk=decision.pk).state == "decided"

    page.set_viewport_size({"width": 360, "height": 800})
    page.context.add_cookies([{"name": "elder", "value": "1", "url": page.base}])
    page.reload()
    expect(page.locator("body")).to_have_class(re.compile("elder"))
    check(page, axe)
    shot(page, "decision-steps-decided-360-elder")


def test_the_picker_in_elder_mode_on_a_phone(page, axe, shot, province):
    people = make_people(province)
    published_consultation(people)
    decision = make_decision(people, level="party_group")
    page.set_viewport_size({"width": 360, "height": 800})
    sign_in(page, people.drafter)
    page.context.add_cookies([{"name": "elder", "value": "1", "url": page.base}])
    page.goto(page.base + f"/workbench/decisions/{decision.pk}/")
    expect(page.locator("body")).to_have_class(re.compile("elder"))
    radio = page.get_by_role("radio", name=re.compile("广州至湛江高速公路建设规划"))
    expect(radio).to_be_enabled()
    check(page, axe)
    shot(page, "decision-picker-360-elder")
    radio.check()
    page.locator("#step-public_participation").get_by_role("button", name="记录").click()
    expect(page.get_by_role("status")).to_contain_text("已记录“公众参与”")
    page.get_by_role("link", name="重大行政决策").first.click()
    page.get_by_role("link", name="决策事项目录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("决策事项目录")
    expect(
        page.get_by_role("link", name=re.compile(r"下载广东省人民政府\d{4}年度目录"))
    ).to_be_visible()
    check(page, axe)
    shot(page, "decision-catalogs-360-elder")
