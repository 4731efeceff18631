"""重大行政决策: levels and required steps, the steps' records, the guard on `decide` and the
head's override, the legality review's clock (hand-worked dates on the 2026 calendar)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.governance.decisions import services, steps, transitions
from sunshine.governance.decisions.choices import StepState
from sunshine.governance.decisions.models import Decision, DecisionStep
from sunshine.governance.decisions.workflow import MissingSteps, missing_steps
from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.workflow.models import TransitionLog
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


@pytest.fixture(autouse=True)
def autumn_2026():
    with clock.frozen(at(2026, 9, 21, 10)):  # a Monday
        yield


def test_each_level_requires_its_steps_in_the_regulations_order(people):
    top = make_decision(people, level="executive")
    assert top.required_steps == [
        "public_participation",
        "expert_review",
        "risk_assessment",
        "legality_review",
        "collective_decision",
    ]
    assert sorted(top.steps.values_list("kind", flat=True)) == sorted(top.required_steps)
    assert make_decision(people, level="leader").required_steps == [
        "risk_assessment",
        "legality_review",
    ]
    assert make_decision(people, level="division").required_steps == ["legality_review"]
    assert top.catalog.year == 2026 and top.catalog.agency == people.government


def test_the_level_scheme_comes_from_settings_and_a_running_decision_keeps_its_steps(
    people, settings
):
    before = make_decision(people, level="leader")
    settings.DECISION_LEVELS = [
        {"code": "leader", "label": "厅务会议", "steps": ["legality_review", "expert_review"]},
    ]
    after = make_decision(people, level="leader")
    assert after.required_steps == ["expert_review", "legality_review"]  # the Regulation's order
    before.refresh_from_db()
    assert before.required_steps == ["risk_assessment", "legality_review"]
    with pytest.raises(ValidationError) as refused:
        make_decision(people, level="executive")  # not in the configured scheme
    assert refused.value.message_dict == {"level": ["决策层级无效。"]}


def test_decide_is_refused_naming_every_missing_step(people):
    decision = make_decision(people)
    with pytest.raises(MissingSteps) as refused:
        services.decide(actor=people.head, decision=decision, decision_text="同意建设。")
    assert refused.value.missing_steps == [
        "public_participation",
        "expert_review",
        "risk_assessment",
        "legality_review",
        "collective_decision",
    ]
    assert "公众参与、专家论证、风险评估、合法性审查、集体讨论决定" in refused.value.messages[0]
    decision.refresh_from_db()
    assert decision.state == "drafting"
    assert not TransitionLog.objects.filter(object_id=decision.pk, workflow="decision").exists()


def test_a_decision_missing_only_legality_review_names_it(people):
    decision = make_decision(people, level="leader")
    steps.record_risk_assessment(
        actor=people.drafter, decision=decision, risk_level="low", report="风险可控。"
    )
    assert missing_steps(decision) == ["legality_review"]
    with pytest.raises(MissingSteps) as refused:
        transitions.apply_transition(
            decision, "decide", actor=people.head, data={"decision_text": "同意。"}
        )
    assert refused.value.missing_steps == ["legality_review"]


def test_complete_steps_let_the_head_decide(people):
    decision = make_decision(people, level="leader")
    steps.record_risk_assessment(
        actor=people.drafter, decision=decision, risk_level="high", report="需制定化解预案。"
    )
    pass_legality(people, decision)
    label = transitions.apply_transition(
        decision, "decide", actor=people.head, data={"decision_text": "同意实施。"}
    )
    assert label == "作出决定"
    decision.refresh_from_db()
    assert decision.state == "decided" and decision.decision_text == "同意实施。"
    assert decision.override_reason == "" and decision.override_by is None
    assert not AuditEvent.objects.filter(action="decision.override").exists()


def test_the_drafter_may_not_decide(people):
    decision = make_decision(people, level="division")
    pass_legality(people, decision)
    with pytest.raises(PermissionDenied):
        services.decide(actor=people.drafter, decision=decision, decision_text="同意。")


def test_decide_needs_the_decision_text(people):
    decision = make_decision(people, level="division")
    pass_legality(people, decision)
    with pytest.raises(ValidationError) as refused:
        services.decide(actor=people.head, decision=decision, decision_text="  ")
    assert refused.value.message_dict == {"decision_text": ["请填写决定内容。"]}


def test_the_heads_override_needs_a_reason_and_is_audited(people):
    decision = make_decision(people, level="leader")
    with pytest.raises(MissingSteps):
        services.decide(actor=people.head, decision=decision, decision_text="同意。")
    services.decide(
        actor=people.head,
        decision=decision,
        decision_text="同意先行实施。",
        override_reason="防汛抢险需要，先行决定，程序随后补正。",
    )
    decision.refresh_from_db()
    assert decision.state == "decided"
    assert decision.override_by == people.head
    assert decision.override_reason.startswith("防汛抢险需要")
    event = AuditEvent.objects.get(action="decision.override", object_id=str(decision.pk))
    assert event.data["missing_steps"] == ["risk_assessment", "legality_review"]
    assert event.actor == people.head
    log = TransitionLog.objects.get(object_id=decision.pk, workflow="decision")
    assert log.data["missing_steps"] == ["risk_assessment", "legality_review"]


def test_only_the_head_may_override(people, province):
    from sunshine.testing.factories import staff_with

    decision = make_decision(people, level="leader")
    officer = staff_with("disclosure_officer", province["root"])
    with pytest.raises(PermissionDenied):
        services.decide(
            actor=officer, decision=decision, decision_text="同意。", override_reason="急需"
        )
    assert Decision.objects.get(pk=decision.pk).state == "drafting"


# --- 合法性审查: the legal office's own clock ---------------------------------------------------


def test_legality_review_runs_seven_working_days_on_the_legal_offices_clock(people):
    decision = make_decision(people, level="division")
    step = steps.request_legality_review(
        actor=people.drafter, decision=decision, legal_office=people.legal_office
    )
    running = steps.legality_clock(step)
    # Requested Mon 21 Sep 2026; counted from the next day: 22, 23, 24 Sep (1–3); 25–27 Sep
    # 中秋; 28, 29, 30 Sep (4–6); 1–7 Oct 国庆; Thu 8 Oct is the 7th working day.
    assert running.agency == people.legal_office
    assert running.due_date == dt.date(2026, 10, 8)
    assert step.state == StepState.IN_REVIEW
    with pytest.raises(ValidationError):
        steps.request_legality_review(
            actor=people.drafter, decision=decision, legal_office=people.legal_office
        )


def test_the_review_period_is_configurable(people, settings):
    settings.DEADLINE_RULES = {"decision.legality_review": {"length": 10}}
    decision = make_decision(people, level="division")
    step = steps.request_legality_review(
        actor=people.drafter, decision=decision, legal_office=people.legal_office
    )
    # 8 Oct is the 7th; Fri 9 (8th), Sat 10 Oct is a working Saturday (调休, 9th), Mon 12 (10th).
    assert steps.legality_clock(step).due_date == dt.date(2026, 10, 12)


def test_an_unlawful_finding_blocks_the_step_until_reviewed_again(people):
    decision = make_decision(people, level="division")
    steps.request_legality_review(
        actor=people.drafter, decision=decision, legal_office=people.legal_office
    )
    with pytest.raises(PermissionDenied):  # only the legal office records the opinion
        steps.record_legality_opinion(
            actor=people.drafter, decision=decision, conclusion="lawful", report="合法。"
        )
    with clock.frozen(at(2026, 9, 24, 15)):
        step = steps.record_legality_opinion(
            actor=people.reviewer,
            decision=decision,
            conclusion="unlawful",
            report="收费标准缺乏上位法依据。",
        )
    assert step.state == StepState.NOT_PASSED
    first = steps.legality_clock(step)
    assert first.state == "stopped" and first.met_deadline is True
    assert missing_steps(decision) == ["legality_review"]
    with clock.frozen(at(2026, 9, 28, 9)):
        steps.request_legality_review(
            actor=people.drafter, decision=decision, legal_office=people.legal_office
        )
        step = steps.record_legality_opinion(
            actor=people.reviewer,
            decision=decision,
            conclusion="lawful_with_changes",
            report="删除收费条款后合法。",
        )
    assert step.state == StepState.DONE and missing_steps(decision) == []


def test_collective_discussion_needs_the_other_steps_and_the_head_speaking_last(people, settings):
    # A level without 公众参与 (which needs a real consultation: tests/governance and the
    # workbench's picker tests cover it): 厅务会议 after experts, risk and legality.
    settings.DECISION_LEVELS = [
        {
            "code": "office",
            "label": "厅务会议",
            "steps": ["expert_review", "risk_assessment", "legality_review", "collective_decision"],
        }
    ]
    decision = make_decision(people, level="office")
    steps.record_risk_assessment(
        actor=people.drafter, decision=decision, risk_level="low", report="风险可控。"
    )
    with pytest.raises(ValidationError) as refused:
        hold_collective_discussion(people, decision, day=dt.date(2026, 9, 21))
    assert refused.value.messages == [  # Art. 25: not discussed unreviewed; all missing named
        "决策草案未经合法性审查或经审查不合法，不得提交集体讨论（条例第二十五条）。"
        "尚未完成：专家论证、合法性审查。"
    ]
    pass_legality(people, decision)
    with pytest.raises(ValidationError) as refused:
        hold_collective_discussion(people, decision, day=dt.date(2026, 9, 21))
    # Art. 29 (三): the experts' opinions and their 采纳情况 go to the meeting with the draft.
    assert refused.value.messages == ["提交集体讨论前，须先完成：专家论证（条例第二十九条）。"]
    steps.record_expert_review(
        actor=people.drafter, decision=decision, experts="张教授", report="方案可行。"
    )
    with pytest.raises(ValidationError) as refused:
        steps.record_collective_discussion(
            actor=people.drafter,
            decision=decision,
            meeting_name="厅务会议",
            meeting_date=dt.date(2026, 9, 21),
            attendees="厅长等",
            report="纪要",
            head_spoke_last=False,
        )
    assert "head_spoke_last" in refused.value.message_dict  # Art. 30 para. 2
    hold_collective_discussion(people, decision, day=dt.date(2026, 9, 21))
    step = decision.steps.get(kind="collective_decision")
    assert step.is_done and step.dissent == "一名副省长建议分期建设。"  # Art. 30 para. 3
    assert missing_steps(decision) == []


def test_an_unlawful_review_keeps_the_draft_from_the_meeting(people):
    decision = make_decision(people, level="executive")
    complete_expert_and_risk(people, decision)
    steps.request_legality_review(
        actor=people.drafter, decision=decision, legal_office=people.legal_office
    )
    steps.record_legality_opinion(
        actor=people.reviewer, decision=decision, conclusion="unlawful", report="超越权限。"
    )
    with pytest.raises(ValidationError) as refused:
        hold_collective_discussion(people, decision, day=dt.date(2026, 9, 21))
    assert "不得提交集体讨论（条例第二十五条）" in refused.value.messages[0]


def test_a_step_the_level_does_not_require_is_refused(people):
    decision = make_decision(people, level="division")
    with pytest.raises(ValidationError) as refused:
        steps.record_risk_assessment(
            actor=people.drafter, decision=decision, risk_level="low", report="低"
        )
    assert "不要求" in refused.value.messages[0]


def test_staff_outside_the_government_may_not_record_steps(people):
    decision = make_decision(people, level="division")
    with pytest.raises(PermissionDenied):
        steps.request_legality_review(
            actor=people.outsider, decision=decision, legal_office=people.legal_office
        )


def test_an_unknown_transition_is_a_refusal_not_a_key_error(people):
    decision = make_decision(people, level="division")
    with pytest.raises(transitions.UnknownTransition):
        transitions.apply_transition(decision, "approve", actor=people.head, data={})


def test_a_reason_without_missing_steps_is_no_override(people):
    decision = make_decision(people, level="division")
    pass_legality(people, decision)
    services.decide(
        actor=people.head, decision=decision, decision_text="同意。", override_reason="以防万一"
    )
    decision.refresh_from_db()
    assert decision.state == "decided" and decision.override_reason == ""
    assert decision.override_by is None
    assert not AuditEvent.objects.filter(action="decision.override").exists()
    log = TransitionLog.objects.get(object_id=decision.pk, workflow="decision")
    assert log.comment == "" and log.data["missing_steps"] == []


def test_a_head_deciding_against_the_majority_records_the_reason(people):
    decision = make_decision(people, level="executive")
    # The earlier steps' records are tested above (公众参与 needs a real consultation: the
    # workbench and tests/governance); here only the meeting's record.
    DecisionStep.objects.filter(decision=decision).exclude(kind="collective_decision").update(
        state=StepState.DONE
    )
    meeting = dict(
        actor=people.drafter,
        decision=decision,
        meeting_name="省政府第13次常务会议",
        meeting_date=dt.date(2026, 9, 21),
        attendees="省长、副省长、秘书长",
        report="多数与会人员建议暂缓实施，省长决定先行试点。",
        head_spoke_last=True,
        head_against_majority=True,
    )
    with pytest.raises(ValidationError) as refused:
        steps.record_collective_discussion(**meeting)
    assert refused.value.message_dict == {
        "head_reason": [
            "行政首长拟作出的决定与会议组成人员多数人的意见不一致的，应当记录其在会上说明的理由"
            "（条例第三十条）。"
        ]
    }
    step = steps.record_collective_discussion(**meeting, head_reason="试点风险可控，可积累经验。")
    assert step.is_done and step.head_against_majority
    assert step.head_reason == "试点风险可控，可积累经验。"


def test_the_legal_office_is_told_of_the_request_and_the_requester_of_the_opinion(people):
    from sunshine.kernel.notify.models import Notification
    from sunshine.testing.factories import staff_with

    decision = make_decision(people, level="division", title="差异化收费实施方案")
    approver = staff_with("approver", people.legal_office)  # may review too
    staff_with("drafter", people.legal_office)  # may not: not told
    steps.request_legality_review(
        actor=people.drafter, decision=decision, legal_office=people.legal_office
    )
    told = Notification.objects.filter(event="decision.legality_requested")
    assert sorted(n.recipient_id for n in told) == sorted([people.reviewer.pk, approver.pk])
    # Sent Mon 21 Sep 2026: 7 working days after 中秋 and 国庆 → Thu 8 Oct.
    assert "审查期限至2026-10-08" in told.first().body
    assert told.first().url == f"/workbench/decisions/{decision.pk}/"
    steps.record_legality_opinion(
        actor=people.reviewer,
        decision=decision,
        conclusion="lawful_with_changes",
        report="修改后合法。",
    )
    answered = Notification.objects.get(event="decision.legality_answered")
    assert answered.recipient == people.drafter
    assert answered.body == "广东省司法厅的审查结论：修改后合法。"


def test_the_legal_office_may_send_the_materials_back_to_be_completed(people):
    decision = make_decision(people, level="division")
    steps.request_legality_review(
        actor=people.drafter, decision=decision, legal_office=people.legal_office
    )
    step = steps.record_legality_opinion(
        actor=people.reviewer,
        decision=decision,
        conclusion="returned",
        report="请补充履行决策法定程序的说明（条例第二十六条）。",
    )
    assert step.state == StepState.PENDING and step.conclusion == "returned"
    assert not steps.legality_clock(step).is_open  # the office's clock stops
    assert missing_steps(decision) == ["legality_review"]
    with clock.frozen(at(2026, 9, 22, 10)):  # Tue: sent again, a new clock
        steps.request_legality_review(
            actor=people.drafter, decision=decision, legal_office=people.legal_office
        )
        step = decision.steps.get(kind="legality_review")
        assert step.state == StepState.IN_REVIEW and step.conclusion == ""
        # By hand: 23, 24 Sep (1, 2), 中秋 25–27 off, 28, 29, 30 Sep (3–5), 国庆 1–7 Oct off,
        # Thu 8 Oct (6), Fri 9 Oct (7).
        assert steps.legality_clock(step).due_date == dt.date(2026, 10, 9)
    steps.record_legality_opinion(
        actor=people.reviewer, decision=decision, conclusion="lawful", report="合法。"
    )
    assert missing_steps(decision) == []
