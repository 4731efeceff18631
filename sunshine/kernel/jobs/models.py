"""Bookkeeping of the background machinery: which worker and scheduler processes are alive,
and when each periodic job was last enqueued. The task queue itself is django-tasks-db's
`DBTaskResult` table."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One background process (任务执行进程 or 调度进程) and the last time it said it was alive."""

    class Kind(models.TextChoices):
        WORKER = "worker", _("任务执行进程")
        SCHEDULER = "scheduler", _("定时调度进程")

    worker_id = models.CharField(_("进程标识"), max_length=64, unique=True)
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices, default=Kind.WORKER)
    host = models.CharField(_("主机"), max_length=255)
    pid = models.PositiveIntegerField(_("进程号"))
    queues = models.CharField(_("队列"), max_length=200, blank=True)
    started_at = models.DateTimeField(_("启动时间"))
    last_seen = models.DateTimeField(_("最近心跳"), db_index=True)
    stopped_at = models.DateTimeField(_("停止时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("进程心跳")
        verbose_name_plural = _("进程心跳")
        ordering = ["-last_seen"]

    def __str__(self):
        return f"{self.kind} {self.worker_id} ({self.host}:{self.pid})"


class PeriodicRun(models.Model):
    """When the scheduler last enqueued a periodic job. Every cron time up to
    `last_enqueued_at` is covered, so a scheduler that was down enqueues a missed job once
    when it comes back, not once per missed time."""

    name = models.CharField(_("任务名称"), max_length=100, unique=True)
    task_path = models.CharField(_("任务路径"), max_length=255)
    cron = models.CharField(_("执行时间表"), max_length=100)
    last_enqueued_at = models.DateTimeField(_("最近入队时间"))
    last_result_id = models.CharField(_("最近任务编号"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("定时任务记录")
        verbose_name_plural = _("定时任务记录")
        ordering = ["name"]

    def __str__(self):
        return self.name
