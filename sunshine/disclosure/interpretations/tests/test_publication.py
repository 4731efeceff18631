"""The rule: a record marked "needs interpretation" is published only with a ready
interpretation or the approver's waiver; the ready ones go public with it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from sunshine.disclosure.interpretations import selectors, services
from sunshine.disclosure.interpretations.models import Interpretation
from sunshine.disclosure.records import services as record_services
from sunshine.disclosure.records.scheduling import publish_due_records
from sunshine.disclosure.records.selectors import record_actions
from sunshine.disclosure.records.workflow import RECORD_WORKFLOW
from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.workflow.models import TransitionLog
from sunshine.kernel.workflow.services import check_transition
from sunshine.testing.factories.interpretations import interpretation, publish
from sunshine.testing.factories.records import record_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
NEEDS = "需要政策解读"


def signed_off(people, **fields):
    return record_in("signed_off", people, needs_interpretation=True, **fields)


def test_guard_blocks_publication_without_a_ready_interpretation(people):
    record = signed_off(people)
    interpretation(people, record)  # a draft does not count
    with pytest.raises(ValidationError, match=NEEDS):
        record_services.publish(record=record, actor=people["approver"])
    record.refresh_from_db()
    assert record.state == "signed_off" and record.published_at is None
    # The workbench button is shown disabled, with the reason.
    publish_button = next(
        a for a in record_actions(record, people["approver"]) if a.name == "publish"
    )
    assert not publish_button.allowed and NEEDS in publish_button.blocked_by[0]


def test_records_not_marked_publish_freely(people):
    record = record_in("signed_off", people)
    assert publish(record, people["approver"]).state == "published"


def test_published_together_at_the_same_moment(people):
    record = signed_off(people)
    first = interpretation(people, record, ready=True)
    graphic = interpretation(people, record, kind="graphic", ready=True)
    still_draft = interpretation(people, record)
    abandoned = interpretation(people, record)
    services.withdraw_interpretation(
        interpretation=abandoned, actor=people["approver"], comment="重复"
    )
    assert selectors.public_interpretations_for_record(record) == []

    with clock.frozen(dt.datetime(2026, 10, 9, 10, 30)):
        publish(record, people["officer"])

    states = dict(Interpretation.objects.values_list("pk", "state"))
    assert states == {
        first.pk: "published",
        graphic.pk: "published",
        still_draft.pk: "draft",
        abandoned.pk: "withdrawn",
    }
    published = Interpretation.objects.filter(state="published")
    assert {i.published_at for i in published} == {record.published_at}
    assert selectors.public_interpretations_for_record(record) == [first, graphic]
    assert [i.record for i in selectors.public_interpretations()] == [record, record]
    logs = TransitionLog.objects.filter(workflow="interpretation", transition="publish")
    assert {(log.actor_id, log.data["with_record"]) for log in logs} == {
        (people["officer"].pk, True)
    }
    assert AuditEvent.objects.filter(action="interpretation.publish").count() == 2


def test_override_with_a_reason_is_audited(people):
    record = signed_off(people)
    for actor in (people["drafter"], people["reviewer"], people["officer"]):
        with pytest.raises(PermissionDenied):
            services.override_interpretation_requirement(record=record, actor=actor, reason="x")
    with pytest.raises(ValidationError) as exc:
        services.override_interpretation_requirement(
            record=record, actor=people["approver"], reason="  "
        )
    assert "reason" in exc.value.message_dict

    waiver = services.override_interpretation_requirement(
        record=record, actor=people["approver"], reason="纯程序性通知，无需解读"
    )
    event = AuditEvent.objects.get(action="interpretation.override")
    assert event.actor_id == people["approver"].pk
    assert event.data["reason"] == "纯程序性通知，无需解读"
    assert (event.object_id, event.agency_id) == (str(record.pk), people["agency"].pk)
    with pytest.raises(ValidationError, match="已免于解读"):
        services.override_interpretation_requirement(
            record=record, actor=people["approver"], reason="再来一次"
        )
    assert selectors.interpretation_requirement(record).waiver == waiver
    assert publish(record, people["officer"]).state == "published"
    with pytest.raises(ValidationError, match="尚未发布"):
        services.override_interpretation_requirement(
            record=record, actor=people["approver"], reason="x"
        )


def test_override_only_where_it_means_something(people):
    plain = record_in("signed_off", people)
    with pytest.raises(ValidationError, match="未标记"):
        services.override_interpretation_requirement(
            record=plain, actor=people["approver"], reason="x"
        )


def test_override_carried_by_the_transition_data(people):
    """The other way in: `data={"interpretation_override": reason}` on the publish
    transition, from an actor who may override (kept on the transition's log and audit)."""
    record = signed_off(people)
    t = RECORD_WORKFLOW.get("publish")

    def check(actor, data):
        check_transition(record, t, wf=RECORD_WORKFLOW, state=record.state, actor=actor, data=data)

    with pytest.raises(ValidationError, match=NEEDS):
        check(people["approver"], {})
    with pytest.raises(ValidationError, match="只有签发人"):
        check(people["officer"], {"interpretation_override": "急需发布"})
    check(people["approver"], {"interpretation_override": "急需发布"})


def test_scheduled_publication_goes_through_the_same_rule(people):
    record = signed_off(people)
    at = dt.datetime(2026, 10, 12, 9, 0)
    with clock.frozen(dt.datetime(2026, 10, 9, 9, 0)):
        with pytest.raises(ValidationError, match=NEEDS):
            record_services.schedule(record=record, actor=people["approver"], at=at)
        ready = interpretation(people, record, ready=True)
        record_services.schedule(record=record, actor=people["approver"], at=at)
        # The scheduled record counts on it: it cannot be taken back now.
        with pytest.raises(ValidationError, match="定时发布"):
            services.send_back(interpretation=ready, actor=people["reviewer"], comment="改")
        with pytest.raises(ValidationError, match="定时发布"):
            services.withdraw_interpretation(
                interpretation=ready, actor=people["approver"], comment="撤"
            )
    with clock.frozen(dt.datetime(2026, 10, 12, 9, 1)):
        with TestCase.captureOnCommitCallbacks(execute=True):
            assert publish_due_records()["published"] == 1
    record.refresh_from_db()
    ready.refresh_from_db()
    assert (record.state, ready.state) == ("published", "published")
    assert ready.published_at == record.published_at
    log = TransitionLog.objects.get(workflow="interpretation", transition="publish")
    assert log.actor is None  # the system, as for the record


def test_scheduled_record_with_two_ready_may_lose_one(people):
    record = signed_off(people)
    one = interpretation(people, record, ready=True)
    interpretation(people, record, ready=True)
    with clock.frozen(dt.datetime(2026, 10, 9, 9, 0)):
        record_services.schedule(
            record=record, actor=people["approver"], at=dt.datetime(2026, 10, 12, 9, 0)
        )
    services.send_back(interpretation=one, actor=people["reviewer"], comment="再改改")
    assert one.state == "draft"


def test_supplementary_interpretation_after_publication(people):
    record = signed_off(people)
    services.override_interpretation_requirement(
        record=record, actor=people["approver"], reason="时间紧急，解读随后补充"
    )
    late = interpretation(people, record, ready=True)
    with pytest.raises(ValidationError, match="尚未发布"):
        services.publish_interpretation(interpretation=late, actor=people["approver"])
    with clock.frozen(dt.datetime(2026, 10, 9, 9, 0)):
        publish(record, people["approver"])
    late.refresh_from_db()
    assert late.state == "published"  # ready ones go with the record, waiver or not

    extra = interpretation(people, record, ready=True, title="补充解读")
    with pytest.raises(PermissionDenied):
        services.publish_interpretation(interpretation=extra, actor=people["drafter"])
    with clock.frozen(dt.datetime(2026, 11, 2, 15, 0)) as moment:
        services.publish_interpretation(interpretation=extra, actor=people["officer"])
    assert extra.state == "published" and extra.published_at == moment
    assert [i.title for i in selectors.public_interpretations()][0] == "补充解读"


def test_publish_ready_interpretations_is_idempotent_and_needs_a_public_record(people):
    record = signed_off(people)
    interpretation(people, record, ready=True)
    assert services.publish_ready_interpretations(record=record) == []  # not public yet
    publish(record, people["approver"])
    assert services.publish_ready_interpretations(record=record) == []
    assert Interpretation.objects.get().state == "published"


@pytest.mark.skipif(
    not hasattr(RECORD_WORKFLOW, "on_transition"),
    reason="kernel/workflow has no on_transition hook yet (interim: published after commit)",
)
def test_published_inside_the_publishing_transaction(people):
    """With the kernel hook, the interpretations change in the record's own transaction: no
    after-commit step, and a failure would roll both back."""
    record = signed_off(people)
    item = interpretation(people, record, ready=True)
    with TestCase.captureOnCommitCallbacks(execute=False):
        record_services.publish(record=record, actor=people["approver"])
        item.refresh_from_db()
        assert item.state == "published" and item.published_at == record.published_at
