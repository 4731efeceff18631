"""`manage.py run_worker`: the django-tasks-db worker (no auto-reload) with a heartbeat.

Run one or several (PostgreSQL hands each task to one worker with SKIP LOCKED; on SQLite
one is enough). /healthz reads the heartbeats through jobs.health.worker_status().
At start-up and after each heartbeat the worker puts back in the queue the tasks of workers
that died mid-task (jobs.orphans; settings.JOBS_ORPHAN_AFTER_SECONDS)."""

import logging

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
from sunshine.kernel.jobs.orphans import requeue_orphans

logger = logging.getLogger(__name__)


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
            worker.run()
        finally:
            worker.reset_signals()
            heartbeat.stop()
            record_stopped(worker_id=worker_id)
