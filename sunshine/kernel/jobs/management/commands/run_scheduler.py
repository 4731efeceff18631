"""`manage.py run_scheduler`: enqueue the registered periodic jobs at their cron times
(Asia/Shanghai). Only one scheduler may run; a second one exits (or, with --wait, waits)."""

import signal
import threading
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sunshine.kernel.jobs.heartbeat import new_worker_id, record_stopped
from sunshine.kernel.jobs.locks import SCHEDULER_LOCK, LockHeld, exclusive_lock
from sunshine.kernel.jobs.scheduler import LockLost, enqueue_due_jobs, run_forever

WAIT_SECONDS = 5


class Command(BaseCommand):
    help = _("运行定时任务调度进程（同一时间只运行一个）。")

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help=_("把当前到期或错过的定时任务各入队一次，然后退出。"),
        )
        parser.add_argument(
            "--wait",
            action="store_true",
            help=_("已有调度进程在运行时等待其退出，而不是立即退出。"),
        )

    def handle(self, *args, once=False, wait=False, **options):
        stopping = threading.Event()
        while True:
            try:
                with exclusive_lock(SCHEDULER_LOCK) as lock:
                    self._run(once=once, stopping=stopping, lock=lock)
                return
            except LockLost:
                raise CommandError(
                    _("调度锁已随数据库连接丢失并被另一个调度进程取得，本进程退出。")
                ) from None
            except LockHeld as held:
                if not wait:
                    raise CommandError(
                        _("已有一个定时任务调度进程在运行（%(holder)s），本进程退出。")
                        % {"holder": held}
                    ) from None
                self.stderr.write(_("已有调度进程在运行，%(s)d 秒后重试……") % {"s": WAIT_SECONDS})
                time.sleep(WAIT_SECONDS)

    def _run(self, *, once: bool, stopping: threading.Event, lock) -> None:
        if once:
            for item in enqueue_due_jobs():
                self.stdout.write(
                    _("已入队：%(job)s（%(id)s）") % {"job": item.job, "id": item.result_id}
                )
            return
        scheduler_id = new_worker_id("scheduler")

        def stop(signum, frame):
            stopping.set()

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        self.stdout.write(_("定时任务调度进程 %(id)s 已启动。") % {"id": scheduler_id})
        try:
            run_forever(scheduler_id=scheduler_id, stopping=stopping, lock=lock)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            record_stopped(worker_id=scheduler_id)
