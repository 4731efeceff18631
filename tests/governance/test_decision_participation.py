"""A major decision's 公众参与 step links a real 互动 consultation or a hearing (a meeting of
the meetings module); the decisions module reads them through their selectors only. Here, as
the test spans two domains (outside the layer contract, like tests/test_features.py)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sunshine.governance.decisions import selectors as decision_selectors
from sunshine.governance.decisions import steps
from sunshine.kernel import clock
from sunshine.participation.consultations import services as consultations
from sunshine.participation.meetings import services as meetings
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.decisions import at, make_decision, make_people

DRAFT = "第一条 为规范高速公路建设，制定本规划。\n第二条 本规划自公布之日起施行。"


@pytest.fixture
def people(province):
    return make_people(province)


def consultation(people, *, start, days, major=True):
    with clock.frozen(at(start.year, start.month, start.day, 9)):
        c = consultations.create_consultation(
            agency=people.government,
            actor=people.head,
            title="广州至湛江高速公路建设规划（征求意见稿）",
            draft_text=DRAFT,
            start_date=start,
            end_date=start + dt.timedelta(days=days),
            is_major_decision=major,
        )
        return consultations.open_consultation(consultation=c, actor=people.head)


def close_with_feedback(people, c, *, on: dt.date, publish=True):
    with clock.frozen(at(on.year, on.month, on.day, 9)):
        consultations.close_consultation(consultation=c, actor=people.head)
        consultations.save_feedback_report(
            consultation=c, actor=people.head, report="共收到意见0条。"
        )
        if publish:
            consultations.publish_feedback_report(consultation=c, actor=people.head)


def test_a_consultation_counts_once_its_30_days_are_over_and_its_feedback_published(people):
    # Opened 1 Nov 2026, closing at the end of 1 Dec: 30 days counted from the day after.
    c = consultation(people, start=dt.date(2026, 11, 1), days=30)
    decision = make_decision(people)
    with clock.frozen(at(2026, 11, 20)):
        with pytest.raises(ValidationError) as refused:
            steps.record_participation(
                actor=people.drafter, decision=decision, consultation_id=c.pk
            )
    assert refused.value.message_dict == {"consultation_id": ["该征求意见尚未公布采纳情况。"]}
    close_with_feedback(people, c, on=dt.date(2026, 12, 2))
    with clock.frozen(at(2026, 12, 3)):
        step = steps.record_participation(
            actor=people.drafter, decision=decision, consultation_id=c.pk
        )
    assert step.is_done and step.consultation_id == c.pk
    decision = decision_selectors.decision_for_staff(people.drafter, decision.pk)
    dossier = decision_selectors.dossier(decision)
    assert dossier.consultation.pk == c.pk  # 预公开 and 采纳情况 on the dossier
    assert dossier.consultation.feedback_report == "共收到意见0条。"
    assert "public_participation" not in dossier.missing


def test_a_consultation_that_is_not_a_major_decision_is_refused(people):
    c = consultation(people, start=dt.date(2026, 11, 1), days=30, major=False)
    close_with_feedback(people, c, on=dt.date(2026, 12, 2))
    decision = make_decision(people)
    with pytest.raises(ValidationError) as refused:
        steps.record_participation(actor=people.drafter, decision=decision, consultation_id=c.pk)
    assert refused.value.message_dict == {"consultation_id": ["该征求意见不是重大行政决策预公开。"]}


def test_a_draft_or_unknown_consultation_is_not_found(people):
    decision = make_decision(people)
    with pytest.raises(ValidationError) as refused:
        steps.record_participation(actor=people.drafter, decision=decision, consultation_id=999)
    assert "consultation_id" in refused.value.message_dict


def test_a_held_hearing_counts_and_a_general_meeting_does_not(people):
    officer = staff_with("disclosure_officer", people.government)
    decision = make_decision(people)
    hearing = meetings.create_meeting(
        actor=officer,
        agency=people.government,
        title="高速公路建设规划听证会",
        starts_at=at(2026, 11, 10, 9),
        kind="hearing",
    )
    with pytest.raises(ValidationError) as refused:  # planned: not public yet
        steps.record_participation(actor=people.drafter, decision=decision, hearing_id=hearing.pk)
    assert "hearing_id" in refused.value.message_dict
    meetings.mark_held(actor=officer, meeting=hearing)
    routine = meetings.create_meeting(
        actor=officer, agency=people.government, title="例会", starts_at=at(2026, 11, 10, 9)
    )
    meetings.mark_held(actor=officer, meeting=routine)
    with pytest.raises(ValidationError) as refused:
        steps.record_participation(actor=people.drafter, decision=decision, hearing_id=routine.pk)
    assert refused.value.message_dict == {"hearing_id": ["只能关联听证会、座谈会或咨询协商会。"]}
    step = steps.record_participation(
        actor=people.drafter, decision=decision, hearing_id=hearing.pk
    )
    assert step.is_done and step.hearing_id == hearing.pk
    kind, found = steps.participation_source(step)
    assert kind == "hearing" and found.title == "高速公路建设规划听证会"


def test_one_source_only(people):
    decision = make_decision(people)
    with pytest.raises(ValidationError):
        steps.record_participation(actor=people.drafter, decision=decision)
    with pytest.raises(ValidationError):
        steps.record_participation(
            actor=people.drafter, decision=decision, consultation_id=1, hearing_id=1
        )
