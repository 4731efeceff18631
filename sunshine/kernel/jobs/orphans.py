"""Put back in the queue the tasks of a worker that died mid-task (killed, out of memory,
machine restarted). django-tasks-db leaves such a task RUNNING for ever.

A task is an orphan when the worker that claimed it last has a heartbeat row (our
`run_worker`; a plain `db_worker` has none and is never judged) and that worker has stopped
or has not beaten for `orphan_after()` (settings.JOBS_ORPHAN_AFTER_SECONDS, default 300 s).
A live worker beats every `heartbeat.HEARTBEAT_SECONDS` from its own thread however long its
task takes, so a slow task on a live worker is never taken from it; the delay must stay well
above the heartbeat interval (and above a database outage the workers should ride out, since
their heartbeats cannot be written meanwhile).

Who sweeps: every `run_worker` at start-up and after each of its heartbeats, and the
scheduler's periodic `jobs.requeue_orphans` job. A task is therefore run again at most about
`orphan_after() + HEARTBEAT_SECONDS` after its worker died, by whichever worker claims it."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sunshine.kernel import clock

from .models import WorkerHeartbeat

ORPHAN_AFTER_SECONDS = 300


def orphan_after() -> dt.timedelta:
    """How long a worker may stay silent before its running task is given to another."""
    return dt.timedelta(
        seconds=float(getattr(settings, "JOBS_ORPHAN_AFTER_SECONDS", ORPHAN_AFTER_SECONDS))
    )


def requeue_orphans() -> int:
    """Set the orphaned RUNNING tasks back to READY; return how many.

    The rows are read and updated in one transaction, locked on PostgreSQL (SKIP LOCKED: a row
    another sweep holds is left to it) and under SQLite's write lock, so two sweeps running
    at once cannot both requeue a task that a worker claimed in between."""
    cutoff = clock.now() - orphan_after()
    with transaction.atomic():
        running = list(
            DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
            .select_for_update(skip_locked=True)
            .only("id", "worker_ids")
        )
        last_worker = {r.id: r.worker_ids[-1] for r in running if r.worker_ids}
        if not last_worker:
            return 0
        beats = {
            b.worker_id: b
            for b in WorkerHeartbeat.objects.filter(worker_id__in=set(last_worker.values()))
        }
        orphans = [
            result_id
            for result_id, worker_id in last_worker.items()
            if worker_id in beats
            and (beats[worker_id].stopped_at or beats[worker_id].last_seen < cutoff)
        ]
        if not orphans:
            return 0
        return DBTaskResult.objects.filter(id__in=orphans, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY
        )


def requeue_tasks_of(worker_id: str) -> int:
    """Set READY again the tasks that `worker_id` claimed and left RUNNING. Only the worker
    itself calls this, when it knows it runs nothing: after it lost the database in the middle
    of a task and could not record the task's end (run_worker's reconnect loop)."""
    with transaction.atomic():
        running = (
            DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
            .select_for_update(skip_locked=True)
            .only("id", "worker_ids")
        )
        mine = [r.id for r in running if r.worker_ids and r.worker_ids[-1] == worker_id]
        if not mine:
            return 0
        return DBTaskResult.objects.filter(id__in=mine, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY
        )
