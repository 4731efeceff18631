import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper

from sunshine.api.health import check_cache, check_database, health_report

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_cache_and_worker(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] in {"ok", "degraded"}
    assert body["database"]["ok"] is True
    assert body["database"]["vendor"] == connections["default"].vendor
    assert body["database"]["latency_ms"] >= 0
    assert body["cache"] == {**body["cache"], "ok": True}
    assert body["cache"]["backend"]
    assert set(body["worker"]) >= {"ok"}
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_worker_down_is_degraded_but_still_200(client):
    # No worker runs during tests: the app can still serve pages, so a load balancer keeps it.
    body = client.get("/healthz").json()
    if body["worker"].get("ok") is not True:
        assert body["status"] == "degraded"


def _broken_sqlite(tmp_path):
    settings = {**connections["default"].settings_dict}
    settings.update(
        ENGINE="django.db.backends.sqlite3",
        NAME=str(tmp_path / "missing-dir" / "db.sqlite3"),
        OPTIONS={},
    )
    return DatabaseWrapper(settings, alias="broken")


def test_database_down_is_503_without_secrets(tmp_path):
    broken = _broken_sqlite(tmp_path)
    report, status = health_report(conn=broken)
    assert status == 503
    assert report["status"] == "down"
    assert report["database"] == {"ok": False, "vendor": "sqlite", "error": "OperationalError"}
    assert "missing-dir" not in str(report)
    broken.close()


def test_cache_down_is_503():
    # A Redis cache on a loopback port nobody listens on: a real connection failure.
    dead = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.5}})
    state = check_cache(dead)
    assert state["ok"] is False and state["backend"] == "RedisCache"
    assert "127.0.0.1" not in str(state)
    report, status = health_report(cache=dead)
    assert status == 503 and report["status"] == "down"


def test_checks_pass_on_the_real_backends():
    assert check_database()["ok"] is True
    assert check_cache()["ok"] is True


def test_ok_needs_a_live_worker_and_a_scheduler_seen_within_two_minutes(client):
    import datetime as dt

    from sunshine.kernel import clock
    from sunshine.kernel.jobs.heartbeat import record_heartbeat

    moment = dt.datetime(2026, 9, 30, 10, 0, tzinfo=dt.UTC)
    with clock.frozen(moment):
        body = client.get("/healthz").json()
        assert body["status"] == "degraded" and "scheduler: never seen" in body["reasons"]
        record_heartbeat(worker_id="w-1")
        record_heartbeat(worker_id="s-1", kind="scheduler")
        body = client.get("/healthz").json()
        assert (body["status"], body["reasons"], body["scheduler"]["ok"]) == ("ok", [], True)
    with clock.frozen(moment + dt.timedelta(seconds=150)):
        record_heartbeat(worker_id="w-1")  # the worker goes on; the scheduler is gone
        response = client.get("/healthz")
        body = response.json()
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["reasons"] == ["scheduler: last seen 150 s ago (limit 120 s)"]
    assert body["scheduler"]["reason"] == "stale" and body["worker"]["ok"] is True
