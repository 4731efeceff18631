"""Consultations and meetings a decision's 公众参与 step links, made through their services.
Kept with the shells' tests: the decisions domain (and its test factories) may read the
participation modules only through their selectors (.importlinter)."""

import datetime as dt

from sunshine.governance.decisions import steps
from sunshine.kernel import clock
from sunshine.participation.consultations import services as consultations
from sunshine.participation.meetings import services as meetings
from sunshine.testing.factories.decisions import People, at, staff_with


def published_consultation(
    people: People,
    *,
    title="广州至湛江高速公路建设规划（征求意见稿）",
    agency=None,
    major=True,
    feedback=True,
):
    """A 重大决策预公开 consultation of the government (or `agency`) run 2026-08-01 → 08-31
    (30 days from the day after publication: Art. 15's minimum, worked out by hand), closed on
    09-01 and, when `feedback`, with its 采纳情况 published that day."""
    with clock.frozen(at(2026, 8, 1, 9)):
        c = consultations.create_consultation(
            agency=agency or people.government,
            actor=people.head,
            title=title,
            draft_text="第一条 为规范建设，制定本规划。",
            start_date=dt.date(2026, 8, 1),
            end_date=dt.date(2026, 8, 31),
            is_major_decision=major,
        )
        consultations.open_consultation(consultation=c, actor=people.head)
    with clock.frozen(at(2026, 9, 1, 9)):
        consultations.close_consultation(consultation=c, actor=people.head)
        if feedback:
            consultations.publish_feedback_report(
                consultation=c, actor=people.head, report="收到意见12条，采纳5条，部分采纳3条。"
            )
    return c


def public_meeting(people: People, *, kind="hearing", held=True, title=None, agency=None):
    """A public meeting of the government (or `agency`) on 2026-09-10: a 听证会 by default
    (or 座谈会 "symposium", 咨询协商 "consultation", 一般会议 "meeting"), marked held unless
    `held` is False (then open for applications: public, not yet held)."""
    agency = agency or people.government
    officer = staff_with("disclosure_officer", agency)
    with clock.frozen(at(2026, 9, 1, 9)):
        meeting = meetings.create_meeting(
            actor=officer,
            agency=agency,
            title=title or "广州至湛江高速公路建设规划听证会",
            starts_at=at(2026, 9, 10, 9),
            place="省政府第一会议室",
            kind=kind,
        )
        if not held:
            meetings.set_seats(actor=officer, meeting=meeting, seats={"public": 2})
            return meetings.open_applications(
                actor=officer, meeting=meeting, announced_number="20260901"
            )
    with clock.frozen(at(2026, 9, 10, 12)):
        return meetings.mark_held(actor=officer, meeting=meeting)


def complete_participation(people: People, decision) -> None:
    """The 公众参与 step linked to a consultation whose 采纳情况 is published."""
    c = published_consultation(people)
    steps.record_participation(actor=people.drafter, decision=decision, consultation_id=c.pk)
