"""`manage.py run_worker`: the django-tasks-db worker (no auto-reload) with a heartbeat.

Run one or several (PostgreSQL hands each task to one worker with SKIP LOCKED; on SQLite
one is enough). /healthz reads the heartbeats through jobs.health.worker_status().
At start-up and after each heartbeat the worker puts back in the queue the tasks of workers
that died mid-task (jobs.orphans; settings.JOBS_ORPHAN_AFTER_SECONDS).

The database may go away (restart, fail-over, network): django-tasks-db's loop then raises
and would end the process. This worker waits and reconnects instead (1, 2, 5, 10, then every
30 s), and once the database is back it puts back in the queue the task it was running when
the connection broke, if it could not record that task's end."""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django.utils.translation import gettext as _
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import (
    Command as DbWorkerCommand,
)
from django_tasks_db.management.commands.db_worker import (
    Worker,
    valid_backend_name,
    valid_interval,
    valid_max_tasks,
    validate_worker_id,
)

from sunshine.kernel.jobs.heartbeat import (
    HEARTBEAT_SECONDS,
    HeartbeatThread,
    new_worker_id,
    record_heartbeat,
    record_stopped,
)
from sunshine.kernel.jobs.models import WorkerHeartbeat
from sunshine.kernel.jobs.orphans import requeue_orphans, requeue_tasks_of

logger = logging.getLogger(__name__)


RECONNECT_SECONDS = (1, 2, 5, 10, 30)


def run_reconnecting(worker: Worker, worker_id: str) -> None:
    """`worker.run()`, started again after the database was lost, until it returns (batch or
    max-tasks done) or a signal ends the process."""
    failures = 0
    while True:
        try:
            worker.run()
            return
        except (OperationalError, InterfaceError) as exc:
            delay = RECONNECT_SECONDS[min(failures, len(RECONNECT_SECONDS) - 1)]
            failures += 1
            logger.warning("database unavailable (%s); reconnecting in %s s", exc, delay)
            connections.close_all()
            worker.startup_delay = False
            time.sleep(delay)
            try:
                requeued = requeue_tasks_of(worker_id)
            except (OperationalError, InterfaceError):
                continue  # still away: worker.run() fails again and we wait longer
            failures = 0
            if requeued:
                logger.warning("requeued %d task(s) interrupted by the outage", requeued)


def sweep_orphans() -> int:
    requeued = requeue_orphans()
    if requeued:
        logger.warning("requeued %d task(s) of a worker that stopped beating", requeued)
    return requeued


class Command(DbWorkerCommand):
    help = _("运行后台任务执行进程（带心跳）。")

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue-name", default="*", help=_("要处理的队列，逗号分隔；* 表示全部（默认）。")
        )
        parser.add_argument("--interval", default=1.0, type=valid_interval)
        parser.add_argument("--batch", action="store_true", help=_("处理完所有待办任务后退出。"))
        parser.add_argument("--max-tasks", default=None, type=valid_max_tasks)
        parser.add_argument("--worker-id", default=None, type=validate_worker_id)
        parser.add_argument(
            "--backend",
            default=DEFAULT_TASK_BACKEND_ALIAS,
            type=valid_backend_name,
            dest="backend_name",
        )
        parser.add_argument("--no-startup-delay", action="store_false", dest="startup_delay")
        parser.add_argument("--heartbeat-seconds", default=HEARTBEAT_SECONDS, type=float)

    def handle(self, *args, **options):
        self.configure_logging(options["verbosity"])
        worker_id = options["worker_id"] or new_worker_id("worker")
        queue_names = options["queue_name"].split(",")
        worker = Worker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        kind = WorkerHeartbeat.Kind.WORKER
        record_heartbeat(worker_id=worker_id, kind=kind, queues=options["queue_name"])
        sweep_orphans()
        heartbeat = HeartbeatThread(
            worker_id=worker_id,
            kind=kind,
            interval=options["heartbeat_seconds"],
            after_beat=sweep_orphans,
        )
        heartbeat.start()
        self.stdout.write(_("任务执行进程 %(id)s 已启动。") % {"id": worker_id})
        worker.configure_signals()
        try:
            run_reconnecting(worker, worker_id)
        finally:
            worker.reset_signals()
            heartbeat.stop()
            record_stopped(worker_id=worker_id)
