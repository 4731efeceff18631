"""问责 cases through the services: opening from each kernel source (an overdue clock, a 差评
整改 case, a 督办) with the snapshot and the clock, the steps with who/when/text, outcomes,
the agency's 情况说明, publication of a 通报批评, and who may do what."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sunshine.governance.accountability import selectors, services
from sunshine.governance.accountability.models import AccountabilityCase, CaseStep
from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.workflow.models import TransitionLog
from sunshine.testing.factories import TEST_KIND, AgencyFactory, SupervisionOrderFactory
from sunshine.testing.factories.accountability import (
    OVERDUE_RULE,
    case_in,
    open_from_clock,
    open_other,
    overdue_clock,
)

pytestmark = pytest.mark.django_db


def _at(y, m, d, h=10):
    return timezone.make_aware(dt.datetime(y, m, d, h))


def test_open_from_overdue_clock_copies_agency_and_title_and_starts_the_clock(acc):
    with clock.frozen(_at(2026, 9, 15)):
        running = overdue_clock(acc.agency)
        case = services.open_case(
            actor=acc.supervisor,
            source_kind="overdue_clock",
            source_id=running.pk,
            title="留言超期未答复",
            facts="网民留言超过5个工作日未答复。",
        )
    assert case.agency == acc.agency and case.state == "filed"
    assert case.source_type == ContentType.objects.get_for_model(Clock)
    assert case.source_id == running.pk
    assert case.source_title == running.title and running.title.startswith("督办反馈")
    assert case.source_url == f"/workbench/clocks/{running.pk}/"
    steps = list(CaseStep.objects.filter(case=case))
    assert [(s.kind, s.actor, s.text) for s in steps] == [
        ("filing", acc.supervisor, "网民留言超过5个工作日未答复。")
    ]
    # 30 wd from the day after Tue 2026-09-15, counted by hand on the 2026 notice: 09-20 (Sun)
    # is a working day, 09-25..27 中秋 and 10-01..07 国庆 are off, 10-10 (Sat) works → Mon 11-02.
    handle = selectors.case_clock(case)
    assert handle.rule == "accountability.handle" and handle.due_date == dt.date(2026, 11, 2)
    assert handle.agency == acc.office  # the handling office's clock: its alerts go there
    assert AuditEvent.objects.filter(action="accountability.open", object_id=str(case.pk)).exists()


def test_a_clock_not_overdue_or_finished_on_time_is_refused(acc):
    item = AgencyFactory(parent=acc.agency)
    fresh = start_clock(obj=item, rule=OVERDUE_RULE, agency=acc.agency)
    with pytest.raises(ValidationError) as refused:
        open_from_clock(acc, fresh)
    assert "尚未逾期" in str(refused.value)
    stop_clock(clock=fresh, actor=None, outcome="done", authorize=False)
    with pytest.raises(ValidationError) as refused:
        open_from_clock(acc, Clock.objects.get(pk=fresh.pk))
    assert "按期完成" in str(refused.value)
    late = overdue_clock(acc.agency)
    stop_clock(clock=late, actor=None, outcome="done late", authorize=False)
    assert open_from_clock(acc, Clock.objects.get(pk=late.pk)).state == "filed"


def test_one_open_case_per_source(acc):
    running = overdue_clock(acc.agency)
    first = open_from_clock(acc, running)
    with pytest.raises(ValidationError) as refused:
        open_from_clock(acc, running)
    assert first.title in str(refused.value)
    case_in("closed", acc, first)
    assert open_from_clock(acc, running).pk != first.pk


def test_only_supervisors_open(acc):
    running = overdue_clock(acc.agency)
    for who in (acc.leader, acc.drafter, acc.other_leader):
        with pytest.raises(PermissionDenied):
            services.open_case(
                actor=who, source_kind="overdue_clock", source_id=running.pk, title="t", facts="f"
            )
    assert not AccountabilityCase.objects.exists()


def test_missing_fields_and_unknown_source_are_named(acc):
    with pytest.raises(ValidationError) as refused:
        services.open_case(
            actor=acc.supervisor, source_kind="overdue_clock", source_id=999999, title="", facts=""
        )
    assert set(refused.value.message_dict) == {"title", "facts", "source_id"}
    with pytest.raises(ValidationError) as refused:
        open_other(acc, source_title="", facts="<b>x</b>")
    assert set(refused.value.message_dict) == {"source_title", "facts"}


def test_from_a_bad_rating_case_and_from_a_duban(acc, rateables, citizen, supervisable):
    from sunshine.kernel.ratings.services import rate

    item = rateables.make(rater=citizen, finished_at=clock.now() - dt.timedelta(days=1))
    rectification = rate(obj=item, rater=citizen, level="very_dissatisfied", comment="态度差").case
    case = services.open_case(
        actor=acc.supervisor,
        source_kind="rectification",
        source_id=rectification.pk,
        title="差评问责",
        facts="窗口服务态度差，经核实属实。",
    )
    assert case.agency == rectification.agency == acc.agency
    assert case.source_title == f"差评整改：{rectification.title}"
    assert case.source_url == f"/workbench/ratings/{rectification.pk}/"

    order = SupervisionOrderFactory(
        target=AgencyFactory(parent=acc.agency), actor=acc.supervisor, kind=TEST_KIND
    )
    case = services.open_case(
        actor=acc.supervisor,
        source_kind="duban",
        source_id=order.pk,
        title="督办不力",
        facts="督办后仍未反馈。",
    )
    assert case.agency == acc.agency and case.source_title == f"督办：{order.title}"
    assert case.source_url == f"/workbench/oversight/{order.pk}/"


def test_steps_walk_with_who_when_text_and_the_clock_stops(acc):
    case = open_from_clock(acc)
    services.add_statement(actor=acc.leader, case=case, text="因人员调整导致延误，已补办。")
    with pytest.raises(PermissionDenied):
        services.investigate(actor=acc.leader, case=case, findings="x")
    with pytest.raises(ValidationError):
        services.investigate(actor=acc.supervisor, case=case, findings="")
    services.investigate(actor=acc.supervisor, case=case, findings="经调查，延误12个工作日。")
    with pytest.raises(ValidationError) as refused:
        services.decide(actor=acc.supervisor, case=case, outcomes=["none", "interview"], text="x")
    assert "outcomes" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.decide(actor=acc.supervisor, case=case, outcomes=[], text="")
    assert set(refused.value.message_dict) == {"outcomes", "text"}
    services.decide(
        actor=acc.supervisor,
        case=case,
        outcomes=["circulated_criticism", "interview"],
        text="对该厅约谈并通报批评。",
        responsible_persons="某处处长",
    )
    with pytest.raises(ValidationError):
        services.add_statement(actor=acc.leader, case=case, text="补充说明")
    services.close(actor=acc.supervisor, case=case, text="已整改，结案。")
    case.refresh_from_db()
    assert case.state == "closed" and case.closed_at and case.decided_at
    assert case.responsible_persons == "某处处长"
    # outcomes in the list's order (约谈 before 通报批评), whatever order they were given in
    assert selectors.outcome_labels(selectors.case_for_staff(acc.supervisor, case.pk)) == [
        "约谈",
        "通报批评",
    ]
    steps = list(selectors.case_steps(case))
    assert [s.kind for s in steps] == [
        "filing",
        "statement",
        "investigation",
        "decision",
        "closing",
    ]
    assert [s.actor for s in steps][1] == acc.leader
    assert steps[2].text == "经调查，延误12个工作日。"
    logs = TransitionLog.objects.filter(object_id=case.pk, workflow="accountability")
    assert [(log.transition, log.actor) for log in logs.order_by("at", "id")] == [
        ("investigate", acc.supervisor),
        ("decide", acc.supervisor),
        ("close", acc.supervisor),
    ]
    assert logs.get(transition="decide").data == {"outcomes": ["interview", "circulated_criticism"]}
    handle = selectors.case_clock(case)
    assert handle.state == "stopped"


def test_publication_needs_a_closed_circulated_criticism_and_masks(acc):
    interview = case_in("closed", acc, outcomes=("interview",))
    with pytest.raises(ValidationError) as refused:
        services.publish(actor=acc.supervisor, case=interview, summary="通报")
    assert "通报批评" in str(refused.value)
    criticised = case_in("decided", acc, outcomes=("circulated_criticism",))
    with pytest.raises(ValidationError):
        services.publish(actor=acc.supervisor, case=criticised, summary="通报")
    criticised = case_in("closed", acc, criticised)
    with pytest.raises(PermissionDenied):
        services.publish(actor=acc.leader, case=criticised, summary="通报")
    assert list(selectors.public_cases()) == []
    services.publish(
        actor=acc.supervisor,
        case=criticised,
        summary="经查，该厅经办人张三（电话13812345678）未按期答复，予以通报批评。",
    )
    published = selectors.public_case(criticised.pk)
    assert published is not None and "13812345678" not in published.public_summary
    assert list(selectors.public_cases()) == [published]
    assert selectors.public_case(interview.pk) is None
    with pytest.raises(ValidationError):
        services.publish(actor=acc.supervisor, case=criticised, summary="再次")


def test_an_agency_sees_only_its_own_cases(acc):
    mine = open_from_clock(acc)
    theirs = open_other(acc, agency=acc.other_agency)
    assert set(selectors.staff_cases(acc.supervisor)) == {mine, theirs}
    assert list(selectors.staff_cases(acc.leader)) == [mine]
    assert list(selectors.staff_cases(acc.drafter)) == [mine]
    assert list(selectors.staff_cases(acc.other_leader)) == [theirs]
    assert selectors.case_for_staff(acc.leader, theirs.pk) is None
    with pytest.raises(PermissionDenied):
        services.add_statement(actor=acc.other_leader, case=mine, text="不是我们的")
    with pytest.raises(PermissionDenied):
        services.add_statement(actor=acc.drafter, case=mine, text="经办人不能代表单位")


def test_statistics_per_agency_match_the_raw_rows(acc):
    with clock.frozen(_at(2026, 3, 2)):
        case_in("closed", acc, outcomes=("interview", "circulated_criticism"))
        case_in("decided", acc, outcomes=("ordered_rectification",))
        case_in("filed", acc)
        open_other(acc, agency=acc.other_agency)
        case_in("closed", acc, open_other(acc, agency=acc.other_agency), outcomes=("none",))
    with clock.frozen(_at(2026, 5, 6)):
        case_in("investigated", acc)  # outside the period below
    stats = selectors.statistics(
        acc.supervisor, since=dt.date(2026, 3, 1), until=dt.date(2026, 3, 31)
    )
    raw = [
        c
        for c in AccountabilityCase.objects.prefetch_related("outcomes")
        if dt.date(2026, 3, 1) <= timezone.localdate(c.opened_at) <= dt.date(2026, 3, 31)
    ]
    assert stats.totals.total == len(raw) == 5
    for row in stats.rows:
        mine = [c for c in raw if c.agency_id == row.agency_id]
        assert row.total == len(mine)
        for state, n in row.states.items():
            assert n == sum(c.state == state for c in mine), state
        for kind, n in row.sources.items():
            assert n == sum(c.source_kind == kind for c in mine), kind
        for outcome, n in row.outcomes.items():
            assert n == sum(any(o.kind == outcome for o in c.outcomes.all()) for c in mine)
    transport = next(r for r in stats.rows if r.agency_id == acc.agency.pk)
    assert transport.total == 3 and transport.outcomes["interview"] == 1
    assert transport.states == {"filed": 1, "investigated": 0, "decided": 1, "closed": 1}
    city = next(r for r in stats.rows if r.agency_id == acc.other_agency.pk)
    assert city.sources["other"] == 2 and city.outcomes["none"] == 1
    # the agency's own staff count only their cases
    own = selectors.statistics(acc.leader, since=dt.date(2026, 3, 1), until=dt.date(2026, 3, 31))
    assert [r.agency_id for r in own.rows] == [acc.agency.pk] and own.totals.total == 3
