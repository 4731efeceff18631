"""Staff pages of 重大行政决策: list, new entry, the decision page with its steps' forms, the
decide button refused naming the missing steps, the head's override, execution progress and
the evaluation — through the real services (run_action shows their refusals)."""

import datetime as dt

import pytest
from django.urls import reverse

from sunshine.governance.decisions import services, steps
from sunshine.governance.decisions.models import Decision, DecisionStep, ExecutionTask
from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.testing.factories.decisions import (
    at,
    make_decision,
    make_people,
    pass_legality,
)


@pytest.fixture
def people(province):
    return make_people(province)


@pytest.fixture(autouse=True)
def autumn_2026():
    with clock.frozen(at(2026, 9, 21, 10)):
        yield


def signed_in(client, user):
    client.force_login(user)
    return client


def url(name, *args):
    return reverse(f"workbench:{name}", args=args)


def test_the_list_shows_the_decisions_in_scope_in_few_queries(
    client, people, django_assert_max_num_queries
):
    for n in range(3):
        make_decision(people, level="division", title=f"决策事项{n}")
    c = signed_in(client, people.drafter)
    c.get(url("decisions_list"))  # warm the session and the grants
    with django_assert_max_num_queries(12):
        page = c.get(url("decisions_list"))
    assert page.status_code == 200
    assert page.content.decode().count("决策事项") >= 3
    other = signed_in(client, people.outsider).get(url("decisions_list")).content.decode()
    assert "决策事项0" not in other


def test_new_entry_goes_into_the_years_catalog(client, people):
    c = signed_in(client, people.drafter)
    assert c.get(url("decisions_create")).status_code == 200
    answer = c.post(
        url("decisions_create"),
        {
            "agency": people.government.pk,
            "lead_agency": people.lead.pk,
            "title": "全省综合交通运输体系规划",
            "level": "leader",
            "planned_date": "2026-12-31",
        },
    )
    decision = Decision.objects.get(title="全省综合交通运输体系规划")
    assert answer.status_code == 302 and answer["Location"] == url("decisions_detail", decision.pk)
    assert decision.catalog.year == 2026 and decision.required_steps == [
        "risk_assessment",
        "legality_review",
    ]
    refused = c.post(
        url("decisions_create"),
        {"agency": people.government.pk, "lead_agency": people.lead.pk, "level": "leader"},
    )
    assert refused.status_code == 200 and "此项必填" in refused.content.decode()


def test_decide_is_refused_naming_the_missing_step_and_the_head_may_override(client, people):
    decision = make_decision(people, level="division")
    c = signed_in(client, people.head)
    page = c.get(url("decisions_detail", decision.pk)).content.decode()
    assert "尚未完成：合法性审查" in page and "说明理由后作出决定" in page
    answer = c.post(url("decisions_transition", decision.pk, "decide"), {"decision_text": "同意。"})
    assert answer.status_code == 400
    assert "尚未完成法定程序：合法性审查" in answer.content.decode()
    assert Decision.objects.get(pk=decision.pk).state == "drafting"
    answer = c.post(
        url("decisions_transition", decision.pk, "decide"),
        {"decision_text": "同意。", "override_reason": "汛期抢险，先行决定。"},
    )
    assert answer.status_code == 302
    assert Decision.objects.get(pk=decision.pk).state == "decided"
    assert AuditEvent.objects.filter(action="decision.override").exists()


def test_the_drafter_sees_no_override(client, people):
    decision = make_decision(people, level="division")
    page = signed_in(client, people.drafter).get(url("decisions_detail", decision.pk))
    assert "说明理由后作出决定" not in page.content.decode()


def test_steps_are_recorded_from_their_forms_and_refusals_keep_the_input(client, people):
    decision = make_decision(people, level="leader")
    c = signed_in(client, people.drafter)
    refused = c.post(
        url("decisions_step", decision.pk, "risk_assessment"),
        {"risk_level": "", "report": "社会稳定风险评估报告"},
    )
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "请选择风险等级" in body and "社会稳定风险评估报告" in body
    done = c.post(
        url("decisions_step", decision.pk, "risk_assessment"),
        {"risk_level": "low", "report": "风险低。"},
    )
    assert done.status_code == 302
    assert DecisionStep.objects.get(decision=decision, kind="risk_assessment").is_done
    sent = c.post(
        url("decisions_step", decision.pk, "legality_review"),
        {"legal_office": people.legal_office.pk},
    )
    assert sent.status_code == 302
    # The legal office (outside the deciding government) sees the decision it reviews.
    reviewer = signed_in(client, people.reviewer)
    page = reviewer.get(url("decisions_detail", decision.pk)).content.decode()
    assert "提交审查意见" in page
    answered = reviewer.post(
        url("decisions_step", decision.pk, "legality_review"),
        {"conclusion": "lawful", "report": "合法。"},
    )
    assert answered.status_code == 302
    assert DecisionStep.objects.get(decision=decision, kind="legality_review").is_done
    assert (
        signed_in(client, people.outsider).get(url("decisions_detail", decision.pk)).status_code
        == 404
    )


def test_an_unknown_step_is_not_found(client, people):
    decision = make_decision(people, level="division")
    c = signed_in(client, people.drafter)
    assert c.post(url("decisions_step", decision.pk, "expert_review"), {}).status_code == 404
    assert c.post(url("decisions_transition", decision.pk, "approve"), {}).status_code == 404


def test_execution_progress_and_evaluation(client, people):
    decision = make_decision(people, level="division")
    pass_legality(people, decision)
    services.decide(actor=people.head, decision=decision, decision_text="同意。")
    c = signed_in(client, people.head)
    answer = c.post(
        url("decisions_transition", decision.pk, "publish"),
        {"interpretation": "解读全文", "interpretation_url": "/zcjd/1/"},
    )
    assert answer.status_code == 302
    c = signed_in(client, people.drafter)
    c.post(
        url("decisions_add_task", decision.pk),
        {"title": "制定实施细则", "agency": people.lead.pk, "due_date": "2026-12-31"},
    )
    task = ExecutionTask.objects.get(decision=decision)
    refused = c.post(
        url("decisions_progress", task.pk), {"percent": 100, "status": "in_progress", "note": "x"}
    )
    assert refused.status_code == 302
    task.refresh_from_db()
    assert task.percent == 0  # refused: 100 % must be 已完成
    c.post(
        url("decisions_progress", task.pk),
        {"percent": 60, "status": "in_progress", "note": "细则已起草", "evidence": "草案"},
    )
    task.refresh_from_db()
    assert (task.percent, task.status, task.evidence) == (60, "in_progress", "草案")
    page = c.get(url("decisions_detail", decision.pk)).content.decode()
    assert "（60%）" in page and "2027-09-21" in page  # the evaluation clock's due date
    with clock.frozen(at(2027, 9, 1)):
        c.post(url("decisions_evaluate", decision.pk), {"report": "实施效果良好。"})
    decision.refresh_from_db()
    assert decision.evaluation_report == "实施效果良好。"
    assert decision.evaluated_at.date() == dt.date(2027, 9, 1)


def test_the_menu_links_the_list(client, people):
    page = signed_in(client, people.drafter).get(reverse("workbench:dashboard"))
    assert url("decisions_list") in page.content.decode()


def test_a_step_the_drafter_records_needs_no_legal_office_rights(client, people):
    decision = make_decision(people, level="division")
    steps.request_legality_review(
        actor=people.drafter, decision=decision, legal_office=people.legal_office
    )
    c = signed_in(client, people.drafter)
    page = c.get(url("decisions_detail", decision.pk)).content.decode()
    assert "提交审查意见" not in page  # only the legal office's staff answer the review
    assert "2026-10-08" in page  # its clock: 7 working days (see the services' tests)


def test_the_legal_offices_queue_lists_the_reviews_waiting_with_their_due_date(client, people):
    from sunshine.workbench.queues import queue_for_user

    decision = make_decision(people, level="division", title="差异化收费实施方案")
    steps.request_legality_review(
        actor=people.drafter, decision=decision, legal_office=people.legal_office
    )
    items = [i for i in queue_for_user(people.reviewer) if i.label == "合法性审查"]
    assert [(i.title, i.due) for i in items] == [("差异化收费实施方案", dt.date(2026, 10, 8))]
    assert items[0].url == url("decisions_detail", decision.pk)
    assert not [i for i in queue_for_user(people.drafter) if i.label == "合法性审查"]
    steps.record_legality_opinion(
        actor=people.reviewer, decision=decision, conclusion="lawful", report="合法。"
    )
    assert not [i for i in queue_for_user(people.reviewer) if i.label == "合法性审查"]
