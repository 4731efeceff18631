"""The periodic scheduler: enqueue each registered job (schedule.py) when its cron time
(Asia/Shanghai) comes. It only enqueues; workers run the tasks. One scheduler runs at a time
(locks.py); `PeriodicRun` remembers what was enqueued, so after downtime each missed job is
enqueued once at start, and a job never enqueued before is enqueued at first start."""

import datetime as dt
import logging
import threading
from dataclasses import dataclass

from django.db import close_old_connections, transaction
from django.utils.module_loading import import_string
from django_tasks_db.compat import Task  # django.tasks.Task on Django 6

from sunshine.kernel import clock

from .cron import fired_between, next_fire_time
from .heartbeat import record_heartbeat
from .models import PeriodicRun, WorkerHeartbeat
from .schedule import PeriodicJob, periodic_jobs

logger = logging.getLogger(__name__)

MAX_SLEEP_SECONDS = 30.0  # wake at least this often: heartbeat, new jobs, shutdown


@dataclass(frozen=True)
class Enqueued:
    job: str
    result_id: str


def resolve_task(task_path: str) -> Task:
    task = import_string(task_path)
    if not isinstance(task, Task):
        raise TypeError(f"{task_path} is not a task (decorate it with @task())")
    return task


def is_due(job: PeriodicJob, run: PeriodicRun | None, now: dt.datetime) -> bool:
    if run is None:
        return True
    return fired_between(job.cron, run.last_enqueued_at, now)


def enqueue_due_jobs(
    now: dt.datetime | None = None, jobs: list[PeriodicJob] | None = None
) -> list[Enqueued]:
    """Enqueue every job with a cron time since it was last enqueued (at most once each)."""
    now = now or clock.now()
    jobs = periodic_jobs() if jobs is None else jobs
    runs = {run.name: run for run in PeriodicRun.objects.filter(name__in=[j.name for j in jobs])}
    done: list[Enqueued] = []
    for job in jobs:
        if not is_due(job, runs.get(job.name), now):
            continue
        try:
            task = resolve_task(job.task_path)
        except (ImportError, TypeError):
            logger.exception("periodic job %s: cannot load %s", job.name, job.task_path)
            continue
        with transaction.atomic():
            result = task.enqueue()
            PeriodicRun.objects.update_or_create(
                name=job.name,
                defaults={
                    "task_path": job.task_path,
                    "cron": job.cron,
                    "last_enqueued_at": now,
                    "last_result_id": str(result.id),
                },
            )
        logger.info("periodic job %s enqueued as %s", job.name, result.id)
        done.append(Enqueued(job.name, str(result.id)))
    return done


def seconds_until_next(now: dt.datetime, jobs: list[PeriodicJob]) -> float:
    upcoming = [t for t in (next_fire_time(j.cron, now) for j in jobs) if t is not None]
    if not upcoming:
        return MAX_SLEEP_SECONDS
    wait = (min(upcoming) - now).total_seconds()
    return min(max(wait, 0.5), MAX_SLEEP_SECONDS)


class LockLost(Exception):
    """Another scheduler holds the lock now (ours went with a lost database session)."""


def run_forever(*, scheduler_id: str, stopping: threading.Event, lock=None) -> None:
    """The scheduler loop; returns when `stopping` is set (by a signal handler). With `lock`
    (locks.HeldLock), each tick first checks the process still holds it: raises LockLost
    when another scheduler took it, so that two never enqueue side by side."""
    while not stopping.is_set():
        close_old_connections()
        if lock is not None and not lock.still_held():
            raise LockLost(scheduler_id)
        now = clock.now()
        try:
            enqueue_due_jobs(now)
            record_heartbeat(worker_id=scheduler_id, kind=WorkerHeartbeat.Kind.SCHEDULER)
        except Exception:
            # A database hiccup must not kill the only scheduler; try again next tick.
            logger.exception("scheduler tick failed")
        stopping.wait(seconds_until_next(clock.now(), periodic_jobs()))
