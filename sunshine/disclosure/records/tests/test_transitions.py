"""The kernel workflow service (kernel/workflow) applied to records: permission, source state
under a lock, comment, guards, the log row and the audit event in one transaction."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sunshine.disclosure.records import selectors, services
from sunshine.disclosure.records.models import DisclosureRecord
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.audit.services import verify_chain
from sunshine.kernel.workflow.models import TransitionLog
from sunshine.kernel.workflow.services import transition
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.records import advance, draft, record_in

pytestmark = pytest.mark.django_db


def names(options):
    return [o.name for o in options]


def test_each_transition_is_logged_and_audited(people):
    record = draft(people)
    services.submit(record=record, actor=people["drafter"], comment="请审核")
    services.review(record=record, actor=people["reviewer"])
    services.sign_off(record=record, actor=people["approver"], comment="同意")
    services.publish(record=record, actor=people["officer"])

    logs = list(selectors.record_history(record))
    assert [(log.transition, log.from_state, log.to_state, log.actor) for log in logs] == [
        ("submit", "draft", "submitted", people["drafter"]),
        ("review", "submitted", "reviewed", people["reviewer"]),
        ("sign_off", "reviewed", "signed_off", people["approver"]),
        ("publish", "signed_off", "published", people["officer"]),
    ]
    assert logs[0].comment == "请审核" and logs[2].comment == "同意"
    assert (logs[0].from_label, logs[0].to_label, logs[0].transition_label) == (
        "草稿",
        "待审核",
        "提交审核",
    )
    assert logs[3].data == {"version": 1}
    for log in logs:
        assert log.agency == people["agency"]
        event = log.audit_event
        assert event.action == f"record.{log.transition}"
        assert (event.object_type, event.object_id) == ("records.disclosurerecord", str(record.pk))
        assert event.data["from"] == log.from_state and event.data["to"] == log.to_state
    assert verify_chain().ok


def test_wrong_role_is_refused_and_nothing_is_written(people):
    record = draft(people)
    with pytest.raises(ValidationError, match="草稿"):
        services.review(record=record, actor=people["reviewer"])  # a draft is submitted first
    with pytest.raises(PermissionDenied):
        services.submit(record=record, actor=people["reviewer"])
    with pytest.raises(PermissionDenied):
        services.submit(record=record, actor=people["other_drafter"])  # another agency
    services.submit(record=record, actor=people["drafter"])
    for role in ("drafter", "approver", "officer"):
        with pytest.raises(PermissionDenied):
            services.review(record=record, actor=people[role])
    services.review(record=record, actor=people["reviewer"])
    for role in ("drafter", "reviewer", "officer"):
        with pytest.raises(PermissionDenied):
            services.sign_off(record=record, actor=people[role])
    with pytest.raises(PermissionDenied):
        services.sign_off(record=record, actor=people["supervisor"])  # sees all, signs nothing
    assert TransitionLog.objects.count() == 2
    assert AuditEvent.objects.filter(action="record.sign_off").count() == 0


def test_a_role_on_a_parent_agency_reaches_the_subtree(people, province):
    record = record_in("reviewed", people)
    provincial_approver = staff_with("approver", province["root"])
    services.sign_off(record=record, actor=provincial_approver)
    assert record.state == "signed_off"


def test_wrong_state_is_a_clear_error_and_leaves_no_trace(people):
    record = draft(people)
    with pytest.raises(ValidationError, match="当前状态为“草稿”，不能执行“签发”"):
        transition(obj=record, name="sign_off", actor=people["approver"])
    assert record.state == "draft"
    assert not TransitionLog.objects.exists()


def test_state_is_read_under_lock_not_from_a_stale_object(people):
    record = draft(people)
    stale = DisclosureRecord.objects.get(pk=record.pk)
    services.submit(record=record, actor=people["drafter"])
    with pytest.raises(ValidationError, match="待审核"):
        services.submit(record=stale, actor=people["drafter"])  # pressed twice
    assert stale.state == "submitted"  # refreshed from the row
    assert TransitionLog.objects.filter(transition="submit").count() == 1


def test_guard_failure_rolls_back_the_whole_act(people):
    record = record_in(
        "signed_off",
        people,
        disclosure_mode="on_request",
        withheld_reason="涉及第三方",
        withheld_ground="trade_secret",
    )
    logs_before = TransitionLog.objects.count()
    with pytest.raises(ValidationError, match="只有主动公开的政府信息才能发布"):
        services.publish(record=record, actor=people["approver"])
    record.refresh_from_db()
    assert (record.state, record.date_published, record.current_version) == (
        "signed_off",
        None,
        None,
    )
    assert TransitionLog.objects.count() == logs_before
    assert not record.versions.exists()


def test_available_transitions_per_role(people):
    record = draft(people)
    assert names(selectors.record_actions(record, people["drafter"])) == ["submit"]
    assert names(selectors.record_actions(record, people["reviewer"])) == []
    services.submit(record=record, actor=people["drafter"])
    assert names(selectors.record_actions(record, people["reviewer"])) == ["review", "reject"]
    assert names(selectors.record_actions(record, people["drafter"])) == []
    advance(record, people, "signed_off")
    options = {o.name: o for o in selectors.record_actions(record, people["officer"])}
    assert set(options) == {"reject", "publish", "schedule", "file"}
    assert options["publish"].allowed and options["schedule"].allowed
    assert options["file"].blocked_by == ["主动公开的政府信息应当发布，不能存档。"]
    assert options["reject"].requires_comment


def test_set_fields_are_saved_with_the_state_and_audited(people):
    record = record_in("published", people)
    services.repeal(record=record, actor=people["approver"], comment="已被粤府〔2026〕9号废止")
    event = AuditEvent.objects.filter(action="record.repeal").get()
    assert event.data["from"] == event.data["to"] == "published"
    assert event.data["comment"] == "已被粤府〔2026〕9号废止"
    stored = DisclosureRecord.objects.get(pk=record.pk)
    assert (stored.state, stored.validity) == ("published", "repealed")
    assert stored.validity_date is not None
