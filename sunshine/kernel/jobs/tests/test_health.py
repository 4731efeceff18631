import datetime as dt

import pytest
from django.test import override_settings

from sunshine.kernel import clock
from sunshine.kernel.jobs.health import scheduler_status, worker_status
from sunshine.kernel.jobs.heartbeat import record_heartbeat, record_stopped

from . import tasks

pytestmark = pytest.mark.django_db


def test_no_heartbeat_means_not_ok():
    tasks.add.enqueue(1, 1)
    assert worker_status() == {
        "ok": False,
        "last_seen": None,
        "workers": 0,
        "pending": 1,
        "scheduler_last_seen": None,
    }


def test_a_recent_heartbeat_means_ok_and_an_old_one_does_not():
    moment = dt.datetime(2026, 9, 30, 10, 0, tzinfo=dt.UTC)
    with clock.frozen(moment):
        record_heartbeat(worker_id="w-a")
        record_heartbeat(worker_id="w-b")
        status = worker_status()
    assert status["ok"] is True
    assert status["workers"] == 2
    assert status["last_seen"] == moment.isoformat()
    with clock.frozen(moment + dt.timedelta(seconds=91)):
        status = worker_status()
    assert (status["ok"], status["workers"]) == (False, 0)
    assert status["last_seen"] == moment.isoformat()


def test_a_stopped_worker_is_not_counted():
    record_heartbeat(worker_id="w-a")
    record_stopped(worker_id="w-a")
    assert worker_status()["ok"] is False


def test_scheduler_beats_do_not_count_as_workers():
    record_heartbeat(worker_id="s-1", kind="scheduler")
    status = worker_status()
    assert status["ok"] is False
    assert status["scheduler_last_seen"] is not None


def test_scheduler_never_seen_is_not_ok():
    # No scheduler has ever beaten here: nobody enqueues the periodic jobs.
    assert scheduler_status() == {
        "ok": False,
        "last_seen": None,
        "age_seconds": None,
        "stale_after_seconds": 120,
        "reason": "never_seen",
    }


def test_scheduler_is_stale_after_two_minutes_without_a_beat():
    moment = dt.datetime(2026, 9, 30, 10, 0, tzinfo=dt.UTC)
    with clock.frozen(moment):
        record_heartbeat(worker_id="s-1", kind="scheduler")
    with clock.frozen(moment + dt.timedelta(seconds=120)):
        status = scheduler_status()
    assert (status["ok"], status["age_seconds"], status["reason"]) == (True, 120, None)
    with clock.frozen(moment + dt.timedelta(seconds=121)):
        status = scheduler_status()
    assert (status["ok"], status["age_seconds"], status["reason"]) == (False, 121, "stale")
    assert status["last_seen"] == moment.isoformat()
    with override_settings(SCHEDULER_STALE_SECONDS=300):
        with clock.frozen(moment + dt.timedelta(seconds=121)):
            assert scheduler_status()["ok"] is True


def test_a_stopped_scheduler_is_not_ok():
    record_heartbeat(worker_id="s-1", kind="scheduler")
    record_stopped(worker_id="s-1")
    status = scheduler_status()
    assert (status["ok"], status["reason"]) == (False, "stopped")
