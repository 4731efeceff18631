"""重大行政决策 on the portal: the published 决策事项目录 (page, adjustments, XLSX) and a
decision's whole dossier on one page, in order: draft → 预公开 → 采纳情况 → decision → 解读 →
execution → evaluation."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sunshine.governance.decisions import execution, services, steps
from sunshine.kernel import clock
from sunshine.participation.consultations import services as consultations
from sunshine.testing.factories.decisions import (
    at,
    complete_expert_and_risk,
    hold_collective_discussion,
    make_decision,
    make_people,
    pass_legality,
)


@pytest.fixture
def people(province):
    return make_people(province)


def url(name, *args):
    return reverse(f"portal:{name}", args=args)


def published_consultation(people):
    with clock.frozen(at(2026, 8, 1, 9)):
        c = consultations.create_consultation(
            agency=people.government,
            actor=people.head,
            title="广州至湛江高速公路建设规划（征求意见稿）",
            draft_text="第一条 为规范建设，制定本规划。",
            start_date=dt.date(2026, 8, 1),
            end_date=dt.date(2026, 8, 31),
            is_major_decision=True,
        )
        consultations.open_consultation(consultation=c, actor=people.head)
    with clock.frozen(at(2026, 9, 1, 9)):
        consultations.close_consultation(consultation=c, actor=people.head)
        consultations.publish_feedback_report(
            consultation=c, actor=people.head, report="收到意见12条，采纳5条，部分采纳3条。"
        )
    return c


def test_unpublished_catalogs_are_not_public(client, people):
    decision = make_decision(people, level="division")
    assert client.get(url("decisions_catalog", people.government.pk, 2026)).status_code == 404
    assert client.get(url("decisions_detail", decision.pk)).status_code == 404
    assert "暂无公布" in client.get(url("decisions_catalogs")).content.decode()


def test_the_catalog_page_its_adjustments_and_the_xlsx(client, people):
    with clock.frozen(at(2026, 2, 2)):
        first = make_decision(people, level="executive", planned_date=dt.date(2026, 12, 31))
        services.publish_catalog(actor=people.head, catalog=first.catalog)
    with clock.frozen(at(2026, 3, 2)):
        make_decision(
            people,
            level="division",
            title='=HYPERLINK("http://x")',
            reason="省委部署新增事项",
        )
        services.adjust_decision(
            actor=people.drafter,
            decision=first,
            planned_date=dt.date(2027, 6, 30),
            reason="征地进度调整",
        )
    page = client.get(url("decisions_catalog", people.government.pk, 2026)).content.decode()
    assert "广州至湛江高速公路建设规划" in page and "2027-06-30" in page
    assert "征地进度调整" in page and "省委部署新增事项" in page
    assert "公众参与、专家论证、风险评估、合法性审查、集体讨论决定" in page
    answer = client.get(url("decisions_catalog_xlsx", people.government.pk, 2026))
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in answer["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][:3] == ["序号", "决策事项", "承办单位"]
    assert rows[1][1] == "广州至湛江高速公路建设规划" and rows[1][5] == "2027-06-30"
    assert "征地进度调整" in rows[1][7]
    assert rows[2][1] == '\'=HYPERLINK("http://x")'  # no formula from typed text
    listing = client.get(url("decisions_catalogs")).content.decode()
    assert url("decisions_catalog", people.government.pk, 2026) in listing


def test_a_decision_missing_its_legality_review_shows_what_is_missing(client, people):
    decision = make_decision(people, level="leader")
    services.publish_catalog(actor=people.head, catalog=decision.catalog)
    steps.record_risk_assessment(
        actor=people.drafter, decision=decision, risk_level="low", report="风险可控。"
    )
    page = client.get(url("decisions_detail", decision.pk)).content.decode()
    assert "尚未完成：合法性审查" in page and "风险评估</strong>：已完成" in page
    assert "风险可控。" not in page  # the steps' outputs are internal until publication
    assert "尚未公布。" in page


def test_the_whole_dossier_on_one_page_in_order(client, people):
    c = published_consultation(people)
    with clock.frozen(at(2026, 9, 21, 10)):
        decision = make_decision(people, level="executive")
        services.publish_catalog(actor=people.head, catalog=decision.catalog)
        steps.record_participation(actor=people.drafter, decision=decision, consultation_id=c.pk)
        complete_expert_and_risk(people, decision)
        pass_legality(people, decision)
        hold_collective_discussion(people, decision, day=dt.date(2026, 9, 21))
        services.decide(actor=people.head, decision=decision, decision_text="同意建设广湛高速。")
        services.publish_decision(
            actor=people.head,
            decision=decision,
            interpretation="一图读懂广湛高速建设规划。",
            interpretation_url="/zcjd/9/",
        )
        task = execution.add_task(
            actor=people.drafter, decision=decision, title="开展工可研究", agency=people.lead
        )
        execution.report_progress(
            actor=people.drafter, task=task, percent=40, status="in_progress", note="已招标"
        )
    page = client.get(url("decisions_detail", decision.pk)).content.decode()
    order = [
        "一、决策草案",
        "公众参与",
        "三、预公开与采纳情况",
        c.title,
        "收到意见12条，采纳5条，部分采纳3条。",
        "四、决定",
        "同意建设广湛高速。",
        "五、政策解读",
        "一图读懂广湛高速建设规划。",
        "六、执行情况",
        "总体进度 40%",
        "开展工可研究",
        "七、决策后评估",
        "2027-09-21",
    ]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)
    assert reverse("portal:consultation_detail", args=[c.pk]) in page
    assert "一名副省长建议分期建设。" in page  # dissent recorded (Art. 30 para. 3)
    assert "尚未完成" not in page
