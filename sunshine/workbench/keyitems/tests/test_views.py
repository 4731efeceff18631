"""Staff pages of 重要职权事项 through the Django client: register, submit, the checking unit's
return and sign-off, refusals shown on the page, permissions (another agency: 404; the own
unit: no decision form and a refusal), the expert group, questions and the dashboard."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sunshine.governance.keyitems.models import CrossCheck, KeyItem, PublicQuestion
from sunshine.kernel.clock import frozen
from sunshine.kernel.duban.models import SupervisionOrder
from sunshine.testing.factories.keyitems import add_expert, ask, make_project, submitted_to

pytestmark = pytest.mark.django_db


def _detail(item):
    return reverse("workbench:keyitems_detail", args=[item.pk])


def test_register_submit_return_and_sign_off(client, kp):
    client.force_login(kp["editor"])
    url = reverse("workbench:keyitems_create")
    assert "登记重要职权事项" in client.get(url).content.decode()
    refused = client.post(
        url, {"agency": kp["transport"].pk, "kind": "project", "title": "高速公路"}
    )
    assert refused.status_code == 400 and "请填写总投资/预算" in refused.content.decode()
    assert 'value="高速公路"' in refused.content.decode()  # what was typed stays
    done = client.post(url, {"agency": kp["transport"].pk, "kind": "project", "title": "高速公路",
                             "budget": "900000000", "is_public": "on"})  # fmt: skip
    item = KeyItem.objects.get()
    assert done.status_code == 302 and done["Location"] == _detail(item)
    client.force_login(kp["supervisor"])
    page = client.post(reverse("workbench:keyitems_assign", args=[item.pk]),
                       {"agency": kp["transport"].pk})  # fmt: skip
    assert page.status_code == 400 and "不能审核本单位的事项" in page.content.decode()
    client.post(reverse("workbench:keyitems_assign", args=[item.pk]), {"agency": kp["office"].pk})
    client.force_login(kp["editor"])
    client.post(reverse("workbench:keyitems_submit", args=[item.pk]))
    item.refresh_from_db()
    assert item.state == "checking"
    assert "审核通过" not in client.get(_detail(item)).content.decode()  # not the checking unit
    assert client.post(reverse("workbench:keyitems_decide", args=[item.pk]),
                       {"decision": "sign_off", "findings": "自己审自己"}).status_code == 400  # fmt: skip
    client.force_login(kp["checker"])
    listing = client.get(reverse("workbench:keyitems_list")).content.decode()
    assert "待本单位交叉审核" in listing and "高速公路" in listing
    page = client.get(_detail(item)).content.decode()
    assert "审核通过" in page and "退回" in page
    refused = client.post(reverse("workbench:keyitems_decide", args=[item.pk]),
                          {"decision": "return", "findings": "概算不清"})  # fmt: skip
    assert refused.status_code == 400 and "退回须写明理由" in refused.content.decode()
    assert "概算不清" in refused.content.decode()
    client.post(reverse("workbench:keyitems_decide", args=[item.pk]),
                {"decision": "return", "findings": "概算不清", "reasons": "请附可研批复"})  # fmt: skip
    item.refresh_from_db()
    assert item.state == "returned"
    client.force_login(kp["editor"])
    assert "请附可研批复" in client.get(_detail(item)).content.decode()
    client.post(reverse("workbench:keyitems_submit", args=[item.pk]))
    client.force_login(kp["checker"])
    client.post(reverse("workbench:keyitems_decide", args=[item.pk]),
                {"decision": "sign_off", "findings": "同意实施"})  # fmt: skip
    item.refresh_from_db()
    assert item.state == "in_progress"
    assert list(CrossCheck.objects.values_list("round", "state").order_by("round")) == [
        (1, "returned"), (2, "signed_off")]  # fmt: skip


def test_another_agency_sees_nothing_and_edits_nothing(client, kp):
    item = make_project(kp)
    client.force_login(kp["city_checker"])
    assert client.get(_detail(item)).status_code == 404
    assert client.post(reverse("workbench:keyitems_submit", args=[item.pk])).status_code == 404
    assert "广州至湛江" not in client.get(reverse("workbench:keyitems_list")).content.decode()


def test_progress_forms_and_expert_group(client, kp):
    with frozen(dt.date(2026, 12, 7)):
        item = make_project(kp)
        client.force_login(kp["editor"])
        client.post(reverse("workbench:keyitems_stage_add", args=[item.pk]),
                    {"name": "前期工作", "planned_start": "2026-03-01", "planned_end": "2026-06-30"})  # fmt: skip
        stage = item.stages.get()
        bad = client.post(reverse("workbench:keyitems_milestone_add", args=[item.pk]),
                          {"name": "施工图批复", "stage_id": stage.pk})  # fmt: skip
        assert bad.status_code == 400 and "请填写计划日期" in bad.content.decode()
        client.post(reverse("workbench:keyitems_milestone_add", args=[item.pk]),
                    {"name": "施工图批复", "planned_on": "2026-05-31", "stage_id": stage.pk})  # fmt: skip
        m = item.milestones.get()
        client.post(reverse("workbench:keyitems_milestone_reach", args=[item.pk, m.pk]),
                    {"actual_on": "2026-06-05"})  # fmt: skip
        client.post(reverse("workbench:keyitems_spending_add", args=[item.pk]),
                    {"spent_on": "2026-04-15", "amount": "86000000", "purpose": "勘察设计费"})  # fmt: skip
        page = client.get(_detail(item)).content.decode()
        assert "滞后" in page and "8,600.00 万元" in page
        conflicted = add_expert(kp, "周工", conflicts=[kp["transport"]])
        add_expert(kp, "黄教授")
        client.force_login(kp["supervisor"])
        client.post(reverse("workbench:keyitems_group", args=[item.pk]))
        refused = client.post(reverse("workbench:keyitems_member", args=[item.pk]),
                              {"expert": conflicted.pk})  # fmt: skip
        assert refused.status_code == 400 and "应当回避" in refused.content.decode()
        experts_page = client.get(reverse("workbench:keyitems_experts")).content.decode()
        assert "周工" in experts_page and "广东省交通运输厅" in experts_page


def test_question_answer_and_duban(client, kp):
    item = make_project(kp)
    from sunshine.governance.keyitems import services

    services.submit_item(actor=kp["editor"], item=item)
    question = ask(kp, item)
    client.force_login(kp["own_checker"])
    url = reverse("workbench:keyitems_question", args=[question.pk])
    assert "答复并公开" in client.get(url).content.decode()
    client.post(reverse("workbench:keyitems_question_answer", args=[question.pk]),
                {"answer": "第二标段因征地延期，预计2027年3月完工。"})  # fmt: skip
    question.refresh_from_db()
    assert question.state == "answered"
    client.force_login(kp["supervisor"])
    assert "转督办" in client.get(url).content.decode()
    client.post(reverse("workbench:keyitems_question_duban", args=[question.pk]),
                {"reason": "答复不具体，请补充施工计划", "response_days": 3})  # fmt: skip
    order = SupervisionOrder.objects.get()
    assert order.agency == kp["transport"] and PublicQuestion.objects.get().duban_order == order
    empty = client.post(reverse("workbench:keyitems_question_accountability", args=[question.pk]),
                        {"title": "", "facts": ""})  # fmt: skip
    assert empty.status_code == 400
    client.post(reverse("workbench:keyitems_question_accountability", args=[question.pk]),
                {"facts": "答复敷衍，群众再次反映。"})  # fmt: skip
    case_id = PublicQuestion.objects.get().accountability_case_id
    assert case_id is not None
    assert f"已转问责（案件 {case_id}）" in client.get(url).content.decode()


def test_dashboard_counts_and_query_budget(client, kp):
    for n in range(3):
        submitted_to(kp, make_project(kp, title=f"项目{n}"))
    client.force_login(kp["supervisor"])
    client.get(reverse("workbench:keyitems_dashboard"))  # warm: site, content types, session
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("workbench:keyitems_dashboard"))
    body = page.content.decode()
    assert page.status_code == 200 and "项目2" in body and "交叉审核中" in body
    assert len(ctx.captured_queries) <= 20, [q["sql"] for q in ctx.captured_queries]
    for n in range(3, 8):
        submitted_to(kp, make_project(kp, title=f"项目{n}"))
    client.get(reverse("workbench:keyitems_dashboard"))
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("workbench:keyitems_dashboard"))
    assert len(more.captured_queries) == len(ctx.captured_queries)  # no query per item


def test_dashboard_shows_enforcement_publication_timeliness_per_agency(client, kp):
    """双公示 on the general office's dashboard, read from the enforcement module's selector.
    Decided Mon 2026-11-02 (no holiday in November 2026): from the next day Tue 3 wd 1, Wed 4
    wd 2, Thu 5 wd 3, Fri 6 wd 4, Mon 9 wd 5, Tue 10 wd 6, Wed 11 Nov wd 7: due 11-11.
    Published 11-11: on time; published Thu 11-12: late; not published by 12-07: overdue. Decided
    Fri 12-04: due Mon 12-14 (5, 7, 8, 9, 10, 11, 14 Dec), still within time on 12-07."""
    from sunshine.testing.factories.enforcement import EnforcementFactory

    make = EnforcementFactory(kp["transport"], kp["editor"])
    with frozen(dt.datetime(2026, 11, 2, 10, 0)):
        on_time = make.license("粤交许〔2026〕11号", "道路运输经营许可", "广州市甲运输有限公司",
                               decided_on=dt.date(2026, 11, 2))  # fmt: skip
        late = make.penalty("粤交罚〔2026〕12号", "超限运输案", "广州市乙物流有限公司",
                            decided_on=dt.date(2026, 11, 2))  # fmt: skip
        make.penalty("粤交罚〔2026〕13号", "擅自经营案", "广州市丙物流有限公司",
                     decided_on=dt.date(2026, 11, 2))  # fmt: skip
    from sunshine.governance.enforcement import services as enforcement

    with frozen(dt.datetime(2026, 11, 11, 16, 0)):
        enforcement.publish(actor=kp["editor"], decision=on_time)
    with frozen(dt.datetime(2026, 11, 12, 9, 0)):
        enforcement.publish(actor=kp["editor"], decision=late)
    with frozen(dt.datetime(2026, 12, 4, 10, 0)):
        make.license("粤交许〔2026〕14号", "道路运输经营许可", "广州市丁运输有限公司",
                     decided_on=dt.date(2026, 12, 4))  # fmt: skip
    client.force_login(kp["supervisor"])
    with frozen(dt.datetime(2026, 12, 7, 9, 0)):
        page = client.get(reverse("workbench:keyitems_dashboard"))
    body = page.content.decode()
    assert page.status_code == 200 and "行政执法公示（双公示）及时性" in body
    table = body.split('id="enforcement"')[1].split("</table>")[0]
    row = table.split("广东省交通运输厅")[1].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in row.split('<td class="num">')[1:]]
    strip = [
        c.replace('<span class="badge badge-overdue">', "").replace("</span>", "") for c in cells
    ]
    # on time, late, overdue now, within time, rate (1 of 2 published on time)
    assert strip == ["1", "1", "1", "1", "50.0%"]
    assert "?state=late" in body


def test_a_government_sets_its_own_standards(client, kp):
    url = reverse("workbench:keyitems_settings")
    client.force_login(kp["editor"])
    assert client.get(url).status_code == 403  # the general office sets them
    client.force_login(kp["supervisor"])
    page = client.get(url).content.decode()
    assert "广东省人民政府" in page and "50.00 万元" in page  # the province's default, 500,000 元
    refused = client.post(url, {"government": kp["city"].pk, "large_spending_threshold": "2000000",
                                "crosscheck_agency": kp["transport"].pk})  # fmt: skip
    assert refused.status_code == 400 and "审核单位应为本级政府所属机关" in refused.content.decode()
    done = client.post(url, {"government": kp["root"].pk, "kinds": ["project", "spending"],
                             "large_spending_threshold": "1000000",
                             "crosscheck_spending_over": "5000000",
                             "crosscheck_agency": kp["office"].pk})  # fmt: skip
    assert done.status_code == 302
    page = client.get(done["Location"]).content.decode()
    assert "100.00 万元" in page and "500.00 万元" in page
    # The department registers by its government's standards now.
    client.force_login(kp["editor"])
    create = reverse("workbench:keyitems_create")
    small = client.post(create, {"agency": kp["transport"].pk, "kind": "spending",
                                 "title": "小额拨付", "amount": "800000", "purpose": "养护"})  # fmt: skip
    assert small.status_code == 400 and "低于本级政府的大额资金标准" in small.content.decode()
    approval = client.post(create, {"agency": kp["transport"].pk, "kind": "approval",
                                    "title": "超限许可", "basis": "公路法"})  # fmt: skip
    assert approval.status_code == 400 and "未将该类型列入" in approval.content.decode()
    assert not KeyItem.objects.exists()
