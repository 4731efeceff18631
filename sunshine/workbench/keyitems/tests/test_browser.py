"""The officer's journey in a real browser (Chromium, headless, axe): the transport department
registers a road project (a refused save keeps what was typed); the general office assigns the
cross-check to itself (another unit); the department submits; the office's reviewer returns it
with reasons (refused first without them), the department resubmits and the reviewer signs off;
the office forms an expert group from the library (the expert who declared a conflict with the
department is not offered), asks for the first stage's opinion and records it; the
department answers a citizen's question, and the answer is on the portal; the general office's
overview and standards pages pass axe."""

import re

import pytest
from playwright.sync_api import expect

from sunshine.governance.keyitems.models import CrossCheck, KeyItem, PublicQuestion, StageReview
from sunshine.kernel.audit.models import AuditEvent
from sunshine.testing.browser import sign_in
from sunshine.testing.factories.keyitems import add_expert, ask

pytestmark = pytest.mark.browser
TITLE = "广州至湛江高速公路改扩建工程"


def _as(page, user, url):
    page.context.clear_cookies()
    sign_in(page, user, next_url=url)


def _clean(page, axe):
    violations, text = axe(page)
    assert violations == [], text


def test_register_cross_check_experts_and_answer(page, axe, shot, kp):
    add_expert(kp, "黄教授")
    add_expert(kp, "周工", conflicts=[kp["transport"]])

    # 1. Register: the budget is missing, the page says so and keeps the title.
    _as(page, kp["editor"], "/workbench/keyitems/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("登记重要职权事项")
    page.get_by_label("事项类型").select_option(label="重大项目")
    page.get_by_label("事项名称").fill(TITLE)
    page.get_by_label("向社会公开（实施后在公众监督栏目公开进度）").check()
    page.get_by_role("button", name="保存").click()
    expect(page.locator("main")).to_contain_text("请填写总投资/预算")
    expect(page.get_by_label("事项名称")).to_have_value(TITLE)
    _clean(page, axe)
    page.get_by_label("总投资/预算（元）").fill("6350000000")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    item = KeyItem.objects.get()
    here = f"/workbench/keyitems/{item.pk}/"
    expect(page).to_have_url(re.compile(re.escape(here) + "$"))
    expect(page.locator("main")).to_contain_text("635,000.00 万元")
    page.locator("summary", has_text="增加阶段").click()
    page.get_by_label("阶段名称").fill("前期工作")
    page.get_by_role("button", name="增加", exact=True).first.click()
    expect(page.get_by_role("status")).to_contain_text("已增加阶段")

    # 2. The general office assigns the check; its own unit is not offered.
    _as(page, kp["supervisor"], here)
    page.locator("summary", has_text="指派交叉审核单位").click()
    unit = page.get_by_label("审核单位")
    expect(unit.locator("option", has_text="广东省交通运输厅")).to_have_count(0)
    unit.select_option(label="广东省人民政府办公厅")
    page.get_by_label("审核要求").fill("重大项目开工前审核")
    page.get_by_role("button", name="指派").click()
    expect(page.get_by_role("status")).to_contain_text("已指派交叉审核单位")

    # 3. The department submits: the item waits for the office's check.
    _as(page, kp["editor"], here)
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_role("status")).to_contain_text("广东省人民政府办公厅")
    expect(page.locator("#item-state")).to_have_text("交叉审核中")
    expect(page.get_by_role("button", name="审核通过")).to_have_count(0)  # not its own check

    # 4. The office's reviewer: the check is on their list; a return needs reasons.
    _as(page, kp["checker"], "/workbench/keyitems/")
    expect(page.locator("main")).to_contain_text("待本单位交叉审核")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    _clean(page, axe)
    page.get_by_label("审核意见").fill("投资概算依据不足。")
    page.get_by_role("button", name="退回").click()
    expect(page.locator("main")).to_contain_text("退回须写明理由")
    expect(page.get_by_label("审核意见")).to_have_value("投资概算依据不足。")
    page.get_by_label("退回理由（退回时必填）").fill("未附可行性研究报告批复，请补充后重新提交。")
    page.get_by_role("button", name="退回").click()
    expect(page.get_by_role("status")).to_contain_text("已退回")
    expect(page.locator("#item-state")).to_have_text("退回修改")

    _as(page, kp["editor"], here)
    expect(page.locator("main")).to_contain_text("未附可行性研究报告批复")
    page.get_by_role("button", name="修改后重新提交").click()
    expect(page.locator("#item-state")).to_have_text("交叉审核中")

    _as(page, kp["checker"], here)
    page.get_by_label("审核意见").fill("已补充批复文件，同意实施。")
    page.get_by_role("button", name="审核通过").click()
    expect(page.get_by_role("status")).to_contain_text("审核通过")
    expect(page.locator("#item-state")).to_have_text("实施中")
    assert list(CrossCheck.objects.order_by("round").values_list("state", "agency__name")) == [
        ("returned", "广东省人民政府办公厅"),
        ("signed_off", "广东省人民政府办公厅"),
    ]

    # 5. The expert group: the conflicted expert is not offered; the stage opinion is recorded.
    _as(page, kp["supervisor"], here)
    page.get_by_role("button", name="组建专家组").click()
    expect(page.get_by_role("status")).to_contain_text("已组建专家组")
    page.locator("summary", has_text="从专家库选择成员").click()
    expert = page.get_by_label("专家", exact=True)
    expect(expert.locator("option", has_text="周工")).to_have_count(0)
    expert.select_option(label="黄教授（道路与桥梁工程）")
    page.get_by_label("组长").check()
    page.get_by_role("button", name="加入").click()
    expect(page.locator("main")).to_contain_text("黄教授（组长）")
    page.locator("summary", has_text="征求阶段意见").click()
    page.get_by_label("阶段", exact=True).select_option(label="前期工作")
    page.get_by_role("button", name="征求意见").click()
    expect(page.get_by_role("status")).to_contain_text("已征求专家组意见")
    review = StageReview.objects.get()
    page.locator(f"#op{review.pk}_conclusion").select_option(label="基本符合，提出改进意见")
    page.get_by_label("专家组意见").fill("前期工作基本完成，建议加快征地拆迁。")
    _clean(page, axe)
    page.get_by_role("button", name="记录意见").click()
    expect(page.get_by_role("status")).to_contain_text("已记录专家组意见")
    expect(page.locator("main")).to_contain_text("建议加快征地拆迁")
    shot(page, "keyitems-item-supervised")

    # 6. A citizen's question, answered by the department and published.
    question = ask(kp, KeyItem.objects.get(), text="请问第二标段为何延期？联系电话13912345678")
    _as(page, kp["own_checker"], "/workbench/keyitems/questions/")
    page.get_by_role("link", name=re.compile("第二标段")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("公众监督意见")
    _clean(page, axe)
    page.get_by_role("textbox", name="答复").fill("第二标段因征地延期，预计2027年3月完工。")
    page.get_by_role("button", name="答复并公开").click()
    expect(page.get_by_role("status")).to_contain_text("已答复")
    question.refresh_from_db()
    assert question.state == "answered" and "13912345678" not in question.public_text

    page.context.clear_cookies()
    page.goto(page.base + _public_url(item))
    expect(page.locator("main")).to_contain_text("预计2027年3月完工")
    expect(page.locator("main")).not_to_contain_text("13912345678")
    # 7. The general office's overview and its standards page.
    _as(page, kp["supervisor"], "/workbench/keyitems/dashboard/")
    expect(page.locator("#by-agency")).to_contain_text("广东省交通运输厅")
    expect(page.locator("#stats")).to_contain_text("广东省交通运输厅")
    _clean(page, axe)
    shot(page, "keyitems-dashboard")
    page.get_by_role("link", name="标准设置").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("重要职权事项标准设置")
    _clean(page, axe)
    assert AuditEvent.objects.filter(action="keyitem.crosscheck_return").count() == 1
    assert PublicQuestion.objects.filter(state="answered").count() == 1


def _public_url(item):
    from django.urls import reverse

    return reverse("portal:keyitems_detail", args=[item.pk])
