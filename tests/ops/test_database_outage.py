"""The application rides out a PostgreSQL outage by itself: a real app server (gunicorn, the
production server, with persistent connections: CONN_MAX_AGE 60) on a PostgreSQL server of
the test's own. While the database is down, requests fail fast with 503 (no hang, the server
stays up); once it is back, the very next request works, without restarting anything."""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from sunshine.testing.pgserver import PostgresServer, find_pg_bin, free_port

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        find_pg_bin() is None,
        reason="PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql",
    ),
]

BASE_DIR = Path(settings.BASE_DIR)
FAST = 10.0  # seconds: a request while the database is down is answered within this


def get(url: str) -> tuple[int, dict, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # nosec B310: our own server
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    try:
        report = json.loads(body)
    except ValueError:
        report = {}
    return status, report, time.monotonic() - started


@pytest.fixture
def app_on_own_postgres(tmp_path):
    with PostgresServer() as pg:
        pg.create_database("sunshine")
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("PYTEST_XDIST_WORKER", "REDIS_URL", "SUNSHINE_VAR_DIR")
        }
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.test",
            DATABASE_URL=pg.url("sunshine"),
            SUNSHINE_VAR_DIR=str(tmp_path / "var"),
        )
        # The tables /healthz reads (worker heartbeats and the task queue), not the whole
        # schema: migrating every app would take most of the time budget.
        migrate = subprocess.run(
            [sys.executable, "-c",
             "import django; django.setup(); from django.core.management import call_command; "
             "call_command('migrate', 'jobs', verbosity=0); "
             "call_command('migrate', 'django_tasks_database', verbosity=0)"],
            env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert migrate.returncode == 0, migrate.stderr[-3000:]
        port = free_port()
        log = tmp_path / "gunicorn.log"
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi:application",
             "--workers=1", f"--bind=127.0.0.1:{port}", "--no-control-socket",
             "--timeout=60", "--log-level=info", f"--error-logfile={log}"],
            env=env, cwd=BASE_DIR,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=5)  # nosec B310
                    break
                except OSError:  # refused, reset or timed out while it boots
                    if server.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
                    time.sleep(0.2)
            yield {"pg": pg, "base": base, "server": server, "log": log}
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_requests_fail_fast_during_a_database_outage_and_work_again_after_it(
    app_on_own_postgres,
):
    pg, base, server = (app_on_own_postgres[k] for k in ("pg", "base", "server"))

    status, report, _ = get(base + "/healthz")
    assert status == 200
    assert report["database"]["ok"] is True and report["database"]["vendor"] == "postgresql"
    assert report["worker"]["pending"] == 0  # the queue table was read: a real query worked

    pg.stop()
    for _ in range(3):  # the pooled connection breaks, then every new connection is refused
        status, report, seconds = get(base + "/healthz")
        assert status == 503, report
        assert report["status"] == "down" and report["reasons"][0] == "database"
        assert report["database"]["ok"] is False
        assert seconds < FAST
    assert server.poll() is None  # the app server is still up

    pg.start()
    status, report, seconds = get(base + "/healthz")  # the very first request after it
    assert status == 200, report
    assert report["database"]["ok"] is True and report["worker"]["pending"] == 0
    assert seconds < FAST
    assert server.poll() is None
    booted = app_on_own_postgres["log"].read_text().count("Booting worker")
    assert booted == 1  # the same gunicorn worker served before, during and after
