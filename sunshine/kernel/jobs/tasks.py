"""The jobs app's own periodic task: keep the queue tables small."""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from sunshine.kernel import clock

from .models import WorkerHeartbeat

# Successful results are only useful for a while; failed ones are kept longer to investigate.
RESULT_RETENTION_DAYS = 14
FAILED_RESULT_RETENTION_DAYS = 60
HEARTBEAT_RETENTION_DAYS = 7


@task()
def housekeeping() -> dict:
    """Prune finished task results and heartbeats of processes long gone (idempotent)."""
    now = clock.now()
    keep_ok = getattr(settings, "JOBS_RESULT_RETENTION_DAYS", RESULT_RETENTION_DAYS)
    keep_failed = getattr(
        settings, "JOBS_FAILED_RESULT_RETENTION_DAYS", FAILED_RESULT_RETENTION_DAYS
    )
    results, _ = DBTaskResult.objects.filter(
        Q(
            status=TaskResultStatus.SUCCESSFUL,
            finished_at__lt=now - dt.timedelta(days=keep_ok),
        )
        | Q(
            status=TaskResultStatus.FAILED,
            finished_at__lt=now - dt.timedelta(days=keep_failed),
        )
    ).delete()
    heartbeats, _ = WorkerHeartbeat.objects.filter(
        last_seen__lt=now - dt.timedelta(days=HEARTBEAT_RETENTION_DAYS)
    ).delete()
    return {"results_pruned": results, "heartbeats_pruned": heartbeats}


ORPHAN_AFTER = dt.timedelta(minutes=5)


@task()
def requeue_orphaned_tasks() -> dict:
    """Tasks left RUNNING by a worker that died (killed, machine restarted) would stay so
    forever: django-tasks-db does not reclaim them. Put them back in the queue when their
    worker's heartbeat has stopped. Tasks are idempotent, so running one again is safe."""
    cutoff = clock.now() - ORPHAN_AFTER
    running = list(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING))
    last_worker = {r.id: r.worker_ids[-1] for r in running if r.worker_ids}
    beats = {
        b.worker_id: b
        for b in WorkerHeartbeat.objects.filter(worker_id__in=set(last_worker.values()))
    }
    orphans = [
        result_id
        for result_id, worker_id in last_worker.items()
        if worker_id in beats  # workers without heartbeats (plain db_worker) are not judged
        and (beats[worker_id].stopped_at or beats[worker_id].last_seen < cutoff)
    ]
    requeued = DBTaskResult.objects.filter(id__in=orphans, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY
    )
    return {"requeued": requeued}
