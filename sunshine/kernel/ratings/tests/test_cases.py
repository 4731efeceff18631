"""差评整改: call back → verify → rectify → publish (or closed as unfounded), with the
permissions of each step, the clock and the audit."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.ratings import selectors, services
from sunshine.testing.factories import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(rateables, citizen):
    item = rateables.make(rater=citizen, finished_at=at(2026, 9, 28))
    with clock.frozen(dt.datetime(2026, 9, 29, 9, 0)):
        rating = services.rate(obj=item, rater=citizen, level="dissatisfied", comment="等了很久")
    return rating.case


def test_full_case_on_time(case, staff):
    with clock.frozen(dt.datetime(2026, 9, 30, 10, 0)):
        services.record_callback(
            case=case, actor=staff["drafter"], reached=False, note="电话无人接听"
        )
        services.record_callback(
            case=case, actor=staff["drafter"], reached=True, note="已联系，反映排队时间长"
        )
    assert case.state == "called_back" and case.callback_attempts == 2 and case.callback_reached
    with clock.frozen(dt.datetime(2026, 10, 8, 10, 0)):
        services.verify_case(case=case, actor=staff["reviewer"], founded=True, note="属实")
    assert case.state == "verified"
    with clock.frozen(dt.datetime(2026, 10, 9, 10, 0)):
        services.record_rectification(case=case, actor=staff["drafter"], note="增开窗口两个")
    case.clock.refresh_from_db()
    assert case.state == "rectified"
    assert case.clock.state == Clock.State.STOPPED and case.clock.met_deadline is True
    with clock.frozen(dt.datetime(2026, 10, 9, 15, 0)):
        services.publish_case_outcome(
            case=case, actor=staff["approver"], text="已增开窗口，联系电话13800138000。"
        )
    assert case.state == "published"
    assert "13800138000" not in case.outcome_text  # personal data masked
    assert list(selectors.published_cases()) == [case]
    actions = list(
        AuditEvent.objects.filter(object_id=str(case.pk), action__startswith="rating.case")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "rating.case_open",
        "rating.case_callback",
        "rating.case_callback",
        "rating.case_verify",
        "rating.case_rectify",
        "rating.case_publish",
    ]


def test_unfounded_case_closes_and_stops_the_clock(case, staff):
    with clock.frozen(dt.datetime(2026, 9, 30, 10, 0)):
        services.record_callback(case=case, actor=staff["officer"], reached=True, note="已回访")
        services.verify_case(case=case, actor=staff["officer"], founded=False, note="经查不属实")
    case.clock.refresh_from_db()
    assert case.state == "closed_unfounded" and case.closed_at is not None
    assert case.clock.state == Clock.State.STOPPED
    assert not selectors.open_cases().exists()
    with pytest.raises(ValidationError):
        services.record_rectification(case=case, actor=staff["officer"], note="x")


def test_steps_in_order_only(case, staff):
    with pytest.raises(ValidationError, match="先完成回访"):
        services.verify_case(case=case, actor=staff["reviewer"], founded=True, note="属实")
    with pytest.raises(ValidationError, match="核实属实"):
        services.record_rectification(case=case, actor=staff["drafter"], note="x")
    with pytest.raises(ValidationError, match="整改完成后"):
        services.publish_case_outcome(case=case, actor=staff["approver"], text="x")
    with pytest.raises(ValidationError, match="回访记录"):
        services.record_callback(case=case, actor=staff["drafter"], reached=True, note="  ")
    with pytest.raises(ValidationError, match="纯文字"):
        services.record_callback(
            case=case, actor=staff["drafter"], reached=True, note="<script>x</script>"
        )


def test_permissions(case, staff, citizen):
    # another agency's staff may not touch the case, nor see it
    with pytest.raises(PermissionDenied):
        services.record_callback(case=case, actor=staff["other"], reached=True, note="x")
    with pytest.raises(PermissionDenied):
        services.record_callback(case=case, actor=citizen, reached=True, note="x")
    assert selectors.case_for_staff(staff["other"], case.pk) is None
    assert selectors.case_for_staff(staff["drafter"], case.pk) == case
    assert selectors.case_for_staff(staff["supervisor"], case.pk) == case
    assert list(selectors.open_cases(staff["other"])) == []
    # a drafter calls back but does not verify; the supervisor may do everything
    services.record_callback(case=case, actor=staff["drafter"], reached=True, note="已回访")
    with pytest.raises(PermissionDenied):
        services.verify_case(case=case, actor=staff["drafter"], founded=True, note="属实")
    services.verify_case(case=case, actor=staff["supervisor"], founded=True, note="属实")
    services.record_rectification(case=case, actor=staff["drafter"], note="已整改")
    with pytest.raises(PermissionDenied):
        services.publish_case_outcome(case=case, actor=staff["drafter"], text="结果")
    with pytest.raises(PermissionDenied):
        services.publish_case_outcome(case=case, actor=staff["other"], text="结果")


def test_overdue_case_is_alerted_by_the_sweep(case, staff):
    from sunshine.kernel.deadlines.sweep import sweep_open_clocks
    from sunshine.kernel.notify.models import Notification

    with clock.frozen(dt.datetime(2026, 10, 27, 9, 0)):
        sweep_open_clocks()
    case.clock.refresh_from_db()
    assert case.clock.urgency == "overdue"
    assert Notification.objects.filter(event="clock.overdue", recipient=staff["drafter"]).exists()
    with clock.frozen(dt.datetime(2026, 10, 28, 9, 0)):
        services.record_callback(case=case, actor=staff["drafter"], reached=True, note="回访")
        services.verify_case(case=case, actor=staff["approver"], founded=True, note="属实")
        services.record_rectification(case=case, actor=staff["drafter"], note="整改")
    case.clock.refresh_from_db()
    assert case.clock.met_deadline is False
    counts = selectors.case_counts_by_agency()[case.agency_id]
    assert (counts["cases"], counts["called_back"], counts["late"]) == (1, 1, 1)
    assert counts["callback_rate"] == 1.0
