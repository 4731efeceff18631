"""The jobs app's own periodic task: keep the queue tables small."""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from sunshine.kernel import clock

from .models import WorkerHeartbeat
from .orphans import requeue_orphans

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


@task()
def requeue_orphaned_tasks() -> dict:
    """Tasks left RUNNING by a worker that died (killed, machine restarted) would stay so
    forever: django-tasks-db does not reclaim them. Put them back in the queue when their
    worker's heartbeat has stopped (see orphans.py; workers also sweep by themselves). Tasks
    are idempotent, so running one again is safe."""
    return {"requeued": requeue_orphans()}
