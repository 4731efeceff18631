import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sunshine.kernel.jobs.models import WorkerHeartbeat
from sunshine.kernel.jobs.retry import backoff_delay, current_attempt
from sunshine.kernel.jobs.testing import make_deferred_tasks_due, run_worker_batch

from . import tasks

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _clear_calls():
    tasks.CALLS.clear()


def test_worker_runs_an_enqueued_task():
    result = tasks.add.enqueue(2, 3)
    assert run_worker_batch() == 1
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 5


def test_a_task_that_fails_twice_then_succeeds_is_retried():
    tasks.fails_then_succeeds.enqueue("smtp", 2)
    assert run_worker_batch() == 3  # backoff 0: the retries are ready at once
    assert tasks.CALLS == [("smtp", 1), ("smtp", 2), ("smtp", 3)]
    results = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [r.status for r in results] == ["FAILED", "FAILED", "SUCCESSFUL"]
    assert "simulated failure 1" in results[0].traceback
    assert results[2].return_value == {"key": "smtp", "attempt": 3}
    assert results[2].args_kwargs["kwargs"] == {"_attempt": 3}


def test_retries_back_off_and_give_up_after_max_attempts():
    tasks.always_fails.enqueue("down")
    before = timezone.now()
    assert run_worker_batch() == 1  # the retry waits for its backoff
    waiting = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert waiting.run_after >= before + dt.timedelta(seconds=600)
    for _ in range(5):
        make_deferred_tasks_due()
        run_worker_batch()
    assert tasks.CALLS == [("down", 1), ("down", 2), ("down", 3)]
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 3
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_backoff_grows_and_is_capped():
    delays = [
        backoff_delay(n, backoff_seconds=60, factor=2, max_backoff_seconds=300).total_seconds()
        for n in (1, 2, 3, 4)
    ]
    assert delays == [60, 120, 240, 300]


def test_outside_a_retrying_task_the_attempt_is_the_last():
    attempt = current_attempt()
    assert (attempt.number, attempt.is_last) == (1, True)


def test_run_worker_command_runs_tasks_and_records_its_heartbeat():
    result = tasks.add.enqueue(40, 2)
    call_command(
        "run_worker", "--batch", "--no-startup-delay", "--interval", "0", "--worker-id", "w-1"
    )
    result.refresh()
    assert result.return_value == 42
    beat = WorkerHeartbeat.objects.get(worker_id="w-1")
    assert beat.kind == WorkerHeartbeat.Kind.WORKER
    assert beat.pid > 0 and beat.host
    assert beat.stopped_at is not None  # it said goodbye when the batch was done
