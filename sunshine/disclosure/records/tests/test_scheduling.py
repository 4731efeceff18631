"""Scheduled publication at an Asia/Shanghai time, done by the periodic task; a schedule
missed while the worker was down is published at the next sweep and reported."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sunshine.disclosure.records import selectors, services
from sunshine.disclosure.records.tasks import publish_scheduled_records
from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.jobs.schedule import periodic_jobs
from sunshine.kernel.notify.models import Notification
from sunshine.testing.factories.records import record_in

pytestmark = pytest.mark.django_db
AT = dt.datetime(2026, 10, 12, 9, 30)  # Monday 09:30 in Shanghai (naive: read as Shanghai)


def shanghai(moment: dt.datetime) -> dt.datetime:
    return timezone.make_aware(moment, timezone.get_fixed_timezone(8 * 60))


@pytest.fixture
def scheduled(people):
    with clock.frozen(dt.datetime(2026, 10, 9, 17, 0)):
        record = record_in("signed_off", people)
        services.schedule(record=record, actor=people["approver"], at=AT, comment="周一上午发布")
    return record


def test_the_sweep_runs_every_minute():
    job = {j.name: j for j in periodic_jobs()}["records.publish_scheduled"]
    assert (job.task_path, job.cron) == (
        "sunshine.disclosure.records.tasks.publish_scheduled_records",
        "* * * * *",
    )


def test_schedule_is_kept_in_shanghai_time(scheduled):
    assert scheduled.state == "scheduled"
    assert scheduled.scheduled_at == shanghai(AT)
    log = selectors.record_history(scheduled).last()
    assert (log.transition, log.data) == ("schedule", {"scheduled_at": "2026-10-12T09:30:00+08:00"})


def test_published_when_due_and_not_before(scheduled, people):
    with clock.frozen(shanghai(AT) - dt.timedelta(minutes=1)):
        assert publish_scheduled_records.call() == {"published": 0, "late": 0, "errors": 0}
    assert selectors.record_for_public(scheduled.pk) is None
    with clock.frozen(shanghai(AT) + dt.timedelta(seconds=40)):
        assert publish_scheduled_records.call() == {"published": 1, "late": 0, "errors": 0}
        assert publish_scheduled_records.call() == {"published": 0, "late": 0, "errors": 0}
    record = selectors.record_for_public(scheduled.pk)
    assert record.date_published == dt.date(2026, 10, 12)
    assert record.current_version.created_by is None  # the system published it
    log = selectors.record_history(record).last()
    assert (log.transition, log.actor, log.from_state) == ("publish", None, "scheduled")
    assert log.data["late"] is False
    assert not AuditEvent.objects.filter(action="record.schedule_missed").exists()
    assert not Notification.objects.filter(event="record.schedule_missed").exists()


def test_missed_schedule_is_published_at_next_sweep_and_reported(scheduled, people, province):
    from sunshine.testing.factories import staff_with

    elsewhere = staff_with("disclosure_officer", province["transport"])
    with clock.frozen(dt.datetime(2026, 10, 12, 11, 5)):  # the worker was down from 09:00
        assert publish_scheduled_records.call() == {"published": 1, "late": 1, "errors": 0}
    record = selectors.record_for_public(scheduled.pk)
    assert record is not None
    event = AuditEvent.objects.get(action="record.schedule_missed")
    assert event.data == {
        "scheduled_at": "2026-10-12T09:30:00+08:00",
        "published_at": "2026-10-12T11:05:00+08:00",
        "late_minutes": 95,
    }
    notes = Notification.objects.filter(event="record.schedule_missed")
    assert {n.recipient for n in notes} == {people["officer"], people["approver"]}
    assert elsewhere not in {n.recipient for n in notes}
    note = notes.first()
    assert "定时发布延误" in note.subject and "2026-10-12 09:30" in note.body


def test_unschedule_and_past_times(scheduled, people):
    with clock.frozen(dt.datetime(2026, 10, 12, 9, 0)):
        services.unschedule(record=scheduled, actor=people["officer"])
        assert (scheduled.state, scheduled.scheduled_at) == ("signed_off", None)
        with pytest.raises(ValidationError) as exc:
            services.schedule(
                record=scheduled, actor=people["officer"], at=AT - dt.timedelta(hours=1)
            )
        assert list(exc.value.message_dict) == ["scheduled_at"]
        services.schedule(record=scheduled, actor=people["officer"], at=AT)
        services.publish(record=scheduled, actor=people["officer"])  # publish now instead
    assert scheduled.state == "published"
    with clock.frozen(dt.datetime(2026, 10, 12, 10, 0)):
        assert publish_scheduled_records.call()["published"] == 0
