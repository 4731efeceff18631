"""Whether the background machinery is alive, for /healthz and the operators' dashboard."""

import datetime as dt

from django.conf import settings
from django.db.models import Max
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sunshine.kernel import clock

from .models import WorkerHeartbeat

ALIVE_SECONDS = 90  # a worker beats every 20 s; three missed beats and a margin mean "gone"
# The scheduler beats at every wake-up, at least every 30 s (scheduler.MAX_SLEEP_SECONDS):
# 2 minutes without a beat means it is gone, and with it the periodic jobs (the deadline
# sweep and its alerts, retries, scheduled publication). settings.SCHEDULER_STALE_SECONDS.
SCHEDULER_STALE_SECONDS = 120


def scheduler_stale_seconds() -> int:
    return int(getattr(settings, "SCHEDULER_STALE_SECONDS", SCHEDULER_STALE_SECONDS))


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


def scheduler_status() -> dict:
    """{"ok", "last_seen", "age_seconds", "stale_after_seconds", "reason"}: ok when a scheduler
    that has not stopped beat within `scheduler_stale_seconds()`. Otherwise `reason` says why:
    "never_seen" (no scheduler has ever beaten here: a new installation whose scheduler was
    never started runs no periodic job either, so this is not ok), "stopped" (the newest one
    shut down) or "stale" (its last beat is too old: killed, hung or cut off)."""
    limit, now = scheduler_stale_seconds(), clock.now()
    beats = WorkerHeartbeat.objects.filter(kind=WorkerHeartbeat.Kind.SCHEDULER)
    newest = beats.order_by("-last_seen").values("last_seen", "stopped_at").first()
    if newest is None:
        return {"ok": False, "last_seen": None, "age_seconds": None,
                "stale_after_seconds": limit, "reason": "never_seen"}  # fmt: skip
    alive = beats.filter(
        stopped_at__isnull=True, last_seen__gte=now - dt.timedelta(seconds=limit)
    ).exists()
    age = max(0, round((now - newest["last_seen"]).total_seconds()))
    reason = None if alive else ("stopped" if newest["stopped_at"] else "stale")
    return {
        "ok": alive,
        "last_seen": _iso(newest["last_seen"]),
        "age_seconds": age,
        "stale_after_seconds": limit,
        "reason": reason,
    }
