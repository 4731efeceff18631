"""Whether the background machinery is alive, for /healthz and the operators' dashboard."""

import datetime as dt

from django.db.models import Max
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sunshine.kernel import clock

from .models import WorkerHeartbeat

ALIVE_SECONDS = 90  # a worker beats every 20 s; three missed beats and a margin mean "gone"


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def worker_status() -> dict:
    """{"ok": a worker beat within ALIVE_SECONDS, "last_seen": ISO time of the newest worker
    beat or None, "workers": workers alive, "pending": tasks waiting to run (including
    retries deferred to a later time), "scheduler_last_seen": ISO time or None}."""
    since = clock.now() - dt.timedelta(seconds=ALIVE_SECONDS)
    workers = WorkerHeartbeat.objects.filter(kind=WorkerHeartbeat.Kind.WORKER)
    alive = workers.filter(stopped_at__isnull=True, last_seen__gte=since).count()
    last_seen = workers.aggregate(at=Max("last_seen"))["at"]
    scheduler_seen = WorkerHeartbeat.objects.filter(kind=WorkerHeartbeat.Kind.SCHEDULER).aggregate(
        at=Max("last_seen")
    )["at"]
    pending = DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
    return {
        "ok": alive > 0,
        "last_seen": _iso(last_seen),
        "workers": alive,
        "pending": pending,
        "scheduler_last_seen": _iso(scheduler_seen),
    }
