"""研判 and 会商 of 政务舆情: the 研判 a first response needs (refused from 热点问题 up, recorded
without one below), the history and its level changes; a 会商's parts on their hour clocks
(dates worked by hand), overdue alerts, the joint response published through the response
service, and who sees what (an invited agency its own part only, others nothing)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.kernel.deadlines.sweep import sweep_open_clocks
from sunshine.kernel.notify.models import Notification
from sunshine.participation.opinion import selectors, services
from sunshine.participation.opinion.alerts import notify_general_office
from sunshine.participation.opinion.models import OpinionResponse, OverdueNotice
from sunshine.testing.factories.opinion import (
    T0,
    analyse,
    coordination,
    event,
    make_coordination_people,
)

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)


def at(*args) -> dt.datetime:
    """A moment in Asia/Shanghai."""
    return timezone.make_aware(dt.datetime(*args))


@pytest.fixture
def people(province):
    return make_coordination_people(province)


def reply(people, e, **fields):
    fields.setdefault("kind", "authoritative_information")
    fields.setdefault("channel", "gov_weibo")
    fields.setdefault("text", "经核查无人员伤亡，塌陷路段已封闭抢修。")
    return services.record_response(event=e, actor=people["reviewer"], **fields)


def audits(action, e):
    return AuditEvent.objects.filter(action=action, object_id=str(e.pk))


# --- 研判 ----------------------------------------------------------------------------------


def test_first_response_of_a_hot_issue_or_major_emergency_needs_a_analysis(people):
    with clock.frozen(T0 + H):
        major = event(people)
        hot = event(people, title="充电桩排队", level="hot_issue")
        for e in (major, hot):
            assert services.analysis_required(e) and services.analysis_missing(e)
            with pytest.raises(services.AnalysisRequired, match="尚无研判记录"):
                reply(people, e, kind="response")
        assert not OpinionResponse.objects.exists()
        analyse(major, actor=people["officer"])  # 公开办 may record a 研判 confirming the level
        assert reply(people, major).on_time is True
        # later responses need no new 研判
        assert reply(people, major, kind="press_conference", channel="press_conference")


def test_an_event_of_level_other_is_answered_without_analysis_but_audited(people):
    with clock.frozen(T0 + H):
        e = event(people, level="other")
        assert not services.analysis_required(e)
        reply(people, e, kind="response")
    (audit,) = audits("opinion.respond", e)
    assert audit.data["without_analysis"] is True


def test_the_threshold_is_configurable(people, settings):
    settings.OPINION_ANALYSIS_REQUIRED_FROM = "major_emergency"
    with clock.frozen(T0 + H):
        hot = event(people, level="hot_issue")
        reply(people, hot, kind="response")  # below the threshold now
        major = event(people, title="另一事件")
        with pytest.raises(services.AnalysisRequired):
            reply(people, major)
    settings.OPINION_ANALYSIS_REQUIRED_FROM = None  # never refused
    with clock.frozen(T0 + H):
        assert not services.analysis_required(event(people, title="第三个事件"))


def test_analyses_are_a_history_and_a_level_change_moves_the_clocks(people):
    with clock.frozen(T0 + H):
        e = event(people, level="hot_issue")
    assert {c.rule for c in clocks_for(e)} == {"opinion.hot_issue"}
    with clock.frozen(T0 + 2 * H):
        first = analyse(e, actor=people["reviewer"], trend="rising")
    with clock.frozen(T0 + 3 * H):
        with pytest.raises(PermissionDenied):  # the officer may not change the level
            analyse(e, actor=people["officer"], level="major_emergency", level_reason="升级")
        with pytest.raises(ValidationError) as refused:
            analyse(e, actor=people["reviewer"], level="major_emergency")
        assert "level_reason" in refused.value.message_dict
        second = analyse(
            e,
            actor=people["reviewer"],
            level="major_emergency",
            level_reason="出现人员受伤视频，转为重大突发事件",
            trend="rising",
            method="press_conference",
        )
    e.refresh_from_db()
    assert e.level == "major_emergency"
    assert (second.previous_level, second.level_changed) == ("hot_issue", True)
    assert (first.previous_level, first.level_changed) == ("hot_issue", False)
    assert list(selectors.event_analyses(e)) == [second, first]
    # the 5 h and 24 h clocks count from first seen (T0), the 48 h one stopped
    running = {c.rule: c.due_at for c in clocks_for(e) if c.state != "stopped"}
    assert running == {
        "opinion.major_first_response": T0 + 5 * H,
        "opinion.press_conference": T0 + 24 * H,
    }
    (level_audit,) = audits("opinion.level", e)
    assert "研判：出现人员受伤视频" in level_audit.data["reason"]
    assert [a.data["level_changed"] for a in audits("opinion.analyse", e).order_by("pk")] == [
        False,
        True,
    ]
    with pytest.raises(PermissionDenied):  # another agency's reviewer
        analyse(e, actor=people["other_reviewer"])


# --- 会商: clocks --------------------------------------------------------------------------


def test_part_clocks_count_hours_through_the_night_and_the_national_day(people):
    # Opened on Wednesday 2026-09-30 at 22:00, the eve of 国庆: the default 4 hours run
    # through the night and the holiday, due Thursday 2026-10-01 at 02:00.
    seen = at(2026, 9, 30, 20, 0)
    with clock.frozen(at(2026, 9, 30, 21, 0)):
        e = event(people, first_seen_at=seen, level="hot_issue")
    with clock.frozen(at(2026, 9, 30, 22, 0)):
        c = coordination(people, e)
    assert c.hours == 4 and c.convenor_agency == people["agency"]
    housing, water = c.parts.order_by("pk")
    for part in (housing, water):
        (part_clock,) = clocks_for(part)
        assert part_clock.rule == "opinion.coordination_reply"
        assert part_clock.agency == part.agency and part_clock.unit == "hours"
        assert part_clock.due_at == at(2026, 10, 1, 2, 0)
    # The housing department answers at 01:30, in time; water does not.
    with clock.frozen(at(2026, 10, 1, 1, 30)):
        services.answer_part(
            part=housing, actor=people["housing_drafter"], answer="管线属市政排水公司，上月已排查。"
        )
    (housing_clock,) = clocks_for(housing)
    assert housing_clock.state == "stopped" and housing_clock.met_deadline is True
    housing.refresh_from_db()
    assert housing.state == "answered" and housing.answered_by == people["housing_drafter"]
    with pytest.raises(ValidationError, match="不能重复答复"):
        services.answer_part(part=housing, actor=people["housing_reviewer"], answer="再答一次")
    # At 02:01 water's part is overdue: the kernel sweep tells the water department's staff,
    # the opinion job tells the general office and the convenor, once.
    with clock.frozen(at(2026, 10, 1, 2, 1)):
        sweep_open_clocks()
        assert notify_general_office() == {"sent": 1, "errors": 0}
        assert notify_general_office() == {"sent": 0, "errors": 0}
    assert Notification.objects.filter(
        event="clock.overdue", recipient=people["water_reviewer"]
    ).exists()
    told = Notification.objects.filter(event="opinion.coordination_overdue")
    assert {n.recipient for n in told} == {people["supervisor"], people["reviewer"]}
    assert "广东省水利厅" in told.first().subject
    assert OverdueNotice.objects.get().clock == clocks_for(water).get()
    # A late answer is taken and recorded as late.
    with clock.frozen(at(2026, 10, 1, 3, 0)):
        services.answer_part(
            part=water, actor=people["water_reviewer"], answer="当晚降雨 86 毫米。"
        )
    assert clocks_for(water).get().met_deadline is False


def test_a_coordination_sets_its_own_hours_and_the_rule_is_configurable(people, settings):
    with clock.frozen(T0 + H):  # Wednesday 2026-07-01 09:00
        e = event(people)
        c = coordination(people, e, hours=2, agencies=("housing",))
    assert clocks_for(c.parts.get()).get().due_at == at(2026, 7, 1, 11, 0)
    settings.DEADLINE_RULES = {"opinion.coordination_reply": {"length": 1}}
    with clock.frozen(T0 + 2 * H):
        e2 = event(people, title="另一事件")
        c2 = coordination(people, e2, agencies=("water",))
    assert c2.hours == 1
    assert clocks_for(c2.parts.get()).get().due_at == at(2026, 7, 1, 11, 0)
    with pytest.raises(ValidationError) as refused:
        coordination(people, event(people, title="第三"), hours=0)
    assert "hours" in refused.value.message_dict


# --- 会商: the joint response ----------------------------------------------------------------


def test_joint_response_is_published_through_the_response_service(people):
    with clock.frozen(T0 + H):
        e = event(people)
        c = coordination(people, e)
        with pytest.raises(ValidationError, match="进行中的会商"):
            coordination(people, e)
        housing = c.parts.get(agency=people["housing"])
        services.answer_part(part=housing, actor=people["housing_reviewer"], answer="管线已排查。")
    with clock.frozen(T0 + 2 * H):
        with pytest.raises(ValidationError, match="请先形成统一口径"):
            services.publish_joint_response(
                coordination=c, actor=people["reviewer"], kind="response", channel="website"
            )
        services.conclude_coordination(
            coordination=c,
            actor=people["reviewer"],
            joint_response="经交通、住建、水利部门会商：塌陷系强降雨致老旧管线渗漏，无人员伤亡。",
        )
    c.refresh_from_db()
    water = c.parts.get(agency=people["water"])
    assert c.state == "concluded" and water.state == "lapsed"
    assert clocks_for(water).get().state == "stopped"
    with pytest.raises(ValidationError, match="已形成统一口径"):
        services.answer_part(part=water, actor=people["water_reviewer"], answer="迟到的答复")
    (concluded,) = audits("opinion.coordination_conclude", e)
    assert concluded.data["unanswered"] == [people["water"].pk]
    with clock.frozen(T0 + 3 * H):
        # a major emergency: the joint response is the first response, the 研判 comes first
        with pytest.raises(services.AnalysisRequired):
            services.publish_joint_response(
                coordination=c,
                actor=people["reviewer"],
                kind="authoritative_information",
                channel="website",
            )
        analyse(e, actor=people["reviewer"], method="joint_response", coordination=c)
        with pytest.raises(PermissionDenied):  # the general office convenes, the agency publishes
            services.publish_joint_response(
                coordination=c,
                actor=people["supervisor"],
                kind="authoritative_information",
                channel="website",
            )
        response = services.publish_joint_response(
            coordination=c,
            actor=people["reviewer"],
            kind="authoritative_information",
            channel="website",
        )
    c.refresh_from_db()
    assert c.state == "published" and c.response == response
    assert response.text == c.joint_response and response.is_published
    assert response.on_time is True  # the 5 h clock, met at T0 + 3 h
    assert list(selectors.public_responses()) == [response]
    with pytest.raises(ValidationError, match="已发布"):
        services.conclude_coordination(
            coordination=c, actor=people["reviewer"], joint_response="改"
        )
    actions = set(
        AuditEvent.objects.filter(object_id=str(e.pk), action__startswith="opinion.").values_list(
            "action", flat=True
        )
    )
    assert {
        "opinion.coordination_open",
        "opinion.coordination_answer",
        "opinion.coordination_conclude",
        "opinion.analyse",
        "opinion.respond",
        "opinion.coordination_publish",
    } <= actions


def test_invitations_are_checked_and_told(people):
    with clock.frozen(T0 + H):
        e = event(people)
        c = coordination(people, e, agencies=("housing",))
        with pytest.raises(ValidationError) as twice:
            services.invite_agency(
                coordination=c, actor=people["reviewer"], agency=people["housing"], question="再问"
            )
        assert "agency" in twice.value.message_dict
        with pytest.raises(ValidationError):  # the convenor itself
            services.invite_agency(
                coordination=c, actor=people["reviewer"], agency=people["agency"], question="问"
            )
        with pytest.raises(PermissionDenied):  # an invited agency does not invite
            services.invite_agency(
                coordination=c,
                actor=people["housing_reviewer"],
                agency=people["water"],
                question="问",
            )
        part = services.invite_agency(
            coordination=c, actor=people["reviewer"], agency=people["water"], question="降雨量？"
        )
    invited = Notification.objects.filter(event="opinion.coordination_invited")
    assert {n.recipient for n in invited} == {
        people["housing_drafter"],
        people["housing_reviewer"],
        people["water_reviewer"],
    }
    assert invited.get(recipient=people["water_reviewer"]).url == (
        f"/workbench/opinion/parts/{part.pk}/"
    )
    with clock.frozen(T0 + 2 * H):
        services.answer_part(part=part, actor=people["water_reviewer"], answer="86 毫米。")
    told = Notification.objects.get(event="opinion.coordination_answered")
    assert (
        told.recipient == people["reviewer"]
        and told.url == f"/workbench/opinion/coordinations/{c.pk}/"
    )


def test_closing_the_event_ends_pending_parts(people):
    with clock.frozen(T0 + H):
        e = event(people)
        c = coordination(people, e)
    with clock.frozen(T0 + 2 * H):
        services.close_event(
            event=e, actor=people["supervisor"], evaluation_score=3, evaluation_text="已平息"
        )
    assert set(c.parts.values_list("state", flat=True)) == {"lapsed"}
    assert {cl.state for p in c.parts.all() for cl in clocks_for(p)} == {"stopped"}
    assert selectors.parts_for_user(people["housing_reviewer"]) == []


# --- Who sees what ------------------------------------------------------------------------


def test_an_invited_agency_sees_and_answers_only_its_own_part(people):
    with clock.frozen(T0 + H):
        e = event(people)
        c = coordination(people, e)
    housing = c.parts.get(agency=people["housing"])
    water = c.parts.get(agency=people["water"])
    them = people["housing_reviewer"]
    assert selectors.part_for_staff(them, housing.pk) == housing
    assert selectors.part_for_staff(them, water.pk) is None
    assert [p.pk for p in selectors.parts_for_user(them)] == [housing.pk]
    assert selectors.coordination_for_staff(them, c.pk) is None  # not the other parts
    assert selectors.event_for_staff(them, e.pk) is None  # nor the event's internals
    with pytest.raises(PermissionDenied):
        services.answer_part(part=water, actor=them, answer="替别人答复")
    # the city's reviewer (neither convenor nor invited) sees nothing at all
    stranger = people["other_reviewer"]
    assert selectors.parts_for_user(stranger) == []
    assert selectors.parts_for_user(stranger, pending=False) == []
    assert selectors.part_for_staff(stranger, housing.pk) is None
    assert selectors.coordination_for_staff(stranger, c.pk) is None
    # the convenor's side and the general office see every part; the office answers none
    for convenor in (people["reviewer"], people["supervisor"]):
        assert selectors.coordination_for_staff(convenor, c.pk) == c
        assert len(selectors.coordination_parts(c)) == 2
    assert selectors.part_for_staff(people["supervisor"], housing.pk) is None
    with pytest.raises(PermissionDenied):
        services.answer_part(part=housing, actor=people["supervisor"], answer="办公厅代答")
