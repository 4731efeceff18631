"""The clocks of an event, in hours from first seen (rules.md §8), per level; responses stop the
right clock; a change of level starts and stops clocks."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.participation.opinion import services
from sunshine.testing.factories.opinion import T0, event, respond

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)


def running(e) -> dict:
    return {c.rule: c for c in clocks_for(e) if c.state != "stopped"}


def test_major_emergency_has_5h_and_24h_clocks_in_hours(opinion_people):
    # Saturday 4 July 2026, 22:00: hours count through the night and the weekend.
    saturday = T0 + dt.timedelta(days=3, hours=14)
    with clock.frozen(saturday + H):
        e = event(opinion_people, first_seen_at=saturday)
    clocks = running(e)
    assert set(clocks) == {"opinion.major_first_response", "opinion.press_conference"}
    assert clocks["opinion.major_first_response"].due_at == saturday + 5 * H
    assert clocks["opinion.press_conference"].due_at == saturday + 24 * H
    assert clocks["opinion.major_first_response"].unit == "hours"
    assert clocks["opinion.major_first_response"].agency == opinion_people["agency"]


@pytest.mark.parametrize("level", ["hot_issue", "other"])
def test_hot_issue_and_other_have_one_48h_clock(opinion_people, level):
    with clock.frozen(T0 + H):
        e = event(opinion_people, level=level)
    clocks = running(e)
    assert list(clocks) == ["opinion.hot_issue"]
    assert clocks["opinion.hot_issue"].due_at == T0 + 48 * H


def test_authoritative_information_stops_only_the_5h_clock(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
    with clock.frozen(T0 + 3 * H):
        response = respond(opinion_people, e)
    assert response.on_time is True
    assert response.agency == opinion_people["agency"]
    stopped = {c.rule: c for c in clocks_for(e) if c.state == "stopped"}
    assert list(stopped) == ["opinion.major_first_response"]
    assert stopped["opinion.major_first_response"].met_deadline is True
    assert list(running(e)) == ["opinion.press_conference"]
    e.refresh_from_db()
    assert e.state == "responding"


def test_plain_response_does_not_meet_a_major_emergency(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        response = respond(opinion_people, e, kind="response")
    assert response.on_time is None
    assert set(running(e)) == {"opinion.major_first_response", "opinion.press_conference"}


def test_press_conference_stops_both_major_clocks(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
    with clock.frozen(T0 + 6 * H):  # after the 5 h: the first-response clock was missed
        response = respond(opinion_people, e, kind="press_conference", channel="press_conference")
    assert running(e) == {}
    stopped = {c.rule: c for c in clocks_for(e)}
    assert stopped["opinion.major_first_response"].met_deadline is False
    assert stopped["opinion.press_conference"].met_deadline is True
    assert response.on_time is False  # one of the clocks it stopped was already past due


def test_response_to_hot_issue_stops_48h_clock(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people, level="hot_issue")
    with clock.frozen(T0 + 47 * H):
        response = respond(opinion_people, e, kind="response", responded_at=T0 + 40 * H)
    assert running(e) == {}
    assert response.on_time is True


def test_back_dated_response_counts_its_own_time(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
    with clock.frozen(T0 + 6 * H):  # recorded late, but released at 4 h
        response = respond(opinion_people, e, responded_at=T0 + 4 * H)
    assert response.on_time is True


def test_escalation_to_major_restarts_the_clocks(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people, level="hot_issue")
    with clock.frozen(T0 + 2 * H):
        services.change_level(
            event=e,
            actor=opinion_people["approver"],
            level="major_emergency",
            reason="出现人员伤亡",
        )
    clocks = running(e)
    assert set(clocks) == {"opinion.major_first_response", "opinion.press_conference"}
    assert clocks["opinion.major_first_response"].due_at == T0 + 5 * H  # from first seen
    hot = [c for c in clocks_for(e) if c.rule == "opinion.hot_issue"]
    assert hot[0].state == "stopped" and "重大突发事件" in hot[0].outcome
    audit = AuditEvent.objects.filter(action="opinion.level").get()
    assert audit.data["reason"] == "出现人员伤亡"
    assert set(audit.data["started"]) == set(clocks)


def test_lowering_after_authoritative_information_starts_nothing(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        respond(opinion_people, e)
        services.change_level(
            event=e, actor=opinion_people["approver"], level="hot_issue", reason="核实"
        )
    assert running(e) == {}  # the 权威信息 already answers the hot issue


def test_level_change_needs_a_reason_and_a_change(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        with pytest.raises(ValidationError) as exc:
            services.change_level(
                event=e, actor=opinion_people["approver"], level="hot_issue", reason=""
            )
        assert "理由" in str(exc.value)
        with pytest.raises(ValidationError):
            services.change_level(
                event=e, actor=opinion_people["approver"], level="major_emergency", reason="x"
            )


def test_close_stops_clocks_and_records_the_evaluation(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        respond(opinion_people, e)
    with clock.frozen(T0 + 30 * H):
        services.close_event(
            event=e,
            actor=opinion_people["supervisor"],
            evaluation_score=3,
            evaluation_text="权威信息及时，但未召开新闻发布会。",
        )
    e.refresh_from_db()
    assert e.state == "closed"
    assert (e.evaluation_score, e.evaluated_by) == (3, opinion_people["supervisor"])
    assert e.evaluated_at == T0 + 30 * H
    press = next(c for c in clocks_for(e) if c.rule == "opinion.press_conference")
    assert press.state == "stopped" and press.met_deadline is False
    with pytest.raises(ValidationError):
        respond(opinion_people, e)
