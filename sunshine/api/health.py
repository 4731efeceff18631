"""/healthz: is this app server fit to take traffic? For load balancers and monitoring.

    {"status": "ok" | "degraded" | "down",
     "reasons": ["worker: …", "scheduler: …"],               # why not "ok" (empty when ok)
     "database": {"ok", "vendor", "latency_ms"},
     "cache": {"ok", "backend", "latency_ms"},
     "worker": {"ok", "last_seen", "workers", "pending"},    # sunshine.kernel.jobs.health
     "scheduler": {"ok", "last_seen", "age_seconds", "stale_after_seconds", "reason"}}

HTTP status, decided so that a load balancer pulls an app server only when *it* cannot serve:
- 200 "ok": database and cache answer, the task worker is alive and the scheduler beat within
  the last 2 minutes (settings.SCHEDULER_STALE_SECONDS, default 120).
- 200 "degraded": the app serves pages but the worker or the scheduler is down or unknown (mail,
  alerts and deadline sweeps are late: pages still show deadlines right, they compute urgency
  when read). A scheduler never seen at all counts as down. Pulling every app server would not
  bring them back, so this stays 200; monitoring alerts on status != "ok".
- 503 "down": the database or the cache does not answer; this server cannot serve requests.
No authentication, so nothing secret: no host names, URLs, credentials or error texts (only the
exception's class name)."""

import time
import uuid

from django.core.cache import caches
from django.db import connection as default_connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def check_database(conn=None) -> dict:
    conn = conn or default_connection
    started = time.perf_counter()
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "not usable"
        return {"ok": False, "vendor": conn.vendor, "error": type(exc).__name__}
    return {"ok": True, "vendor": conn.vendor, "latency_ms": _ms(started)}


def check_cache(cache=None) -> dict:
    cache = cache or caches["default"]
    backend = type(cache).__name__
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    started = time.perf_counter()
    try:
        cache.set(key, value, timeout=10)
        ok = cache.get(key) == value
        cache.delete(key)
    except Exception as exc:
        return {"ok": False, "backend": backend, "error": type(exc).__name__}
    return {"ok": ok, "backend": backend, "latency_ms": _ms(started)}


def check_worker() -> dict:
    try:
        from sunshine.kernel.jobs.health import worker_status
    except ImportError:
        return {"ok": None, "error": "unavailable"}
    try:
        return dict(worker_status())
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}


def check_scheduler() -> dict:
    try:
        from sunshine.kernel.jobs.health import scheduler_status
    except ImportError:
        return {"ok": None, "error": "unavailable"}
    try:
        return dict(scheduler_status())
    except Exception as exc:
        return {"ok": False, "error": type(exc).__name__}


SCHEDULER_REASONS = {
    "never_seen": "scheduler: never seen",
    "stopped": "scheduler: stopped, last seen {age} s ago",
    "stale": "scheduler: last seen {age} s ago (limit {limit} s)",
}


def _reasons(worker: dict, scheduler: dict) -> list[str]:
    reasons = []
    if worker.get("ok") is not True:
        reasons.append(f"worker: {worker.get('error') or 'no live worker'}")
    if scheduler.get("ok") is not True:
        text = SCHEDULER_REASONS.get(scheduler.get("reason"), "scheduler: {error}")
        reasons.append(
            text.format(
                age=scheduler.get("age_seconds"),
                limit=scheduler.get("stale_after_seconds"),
                error=scheduler.get("error", "unknown"),
            )
        )
    return reasons


def health_report(*, conn=None, cache=None) -> tuple[dict, int]:
    """The report and its HTTP status (see the module docstring)."""
    database = check_database(conn)
    cache_state = check_cache(cache)
    # Without a database the worker's and the scheduler's state cannot be read either.
    if database["ok"]:
        worker, scheduler = check_worker(), check_scheduler()
    else:
        worker = scheduler = {"ok": None, "error": "no database"}
    reasons = _reasons(worker, scheduler)
    if not (database["ok"] and cache_state["ok"]):
        status, http = "down", 503
        reasons = [name for name, part in (("database", database), ("cache", cache_state))
                   if not part["ok"]] + reasons  # fmt: skip
    elif reasons:
        status, http = "degraded", 200
    else:
        status, http = "ok", 200
    report = {
        "status": status,
        "reasons": reasons,
        "database": database,
        "cache": cache_state,
        "worker": worker,
        "scheduler": scheduler,
    }
    return report, http


@never_cache
def healthz(request):
    report, http = health_report()
    return JsonResponse(report, status=http, json_dumps_params={"ensure_ascii": False})
