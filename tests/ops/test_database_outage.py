"""The application rides out a PostgreSQL outage by itself: a real app server (gunicorn, the
production server, with persistent connections: CONN_MAX_AGE 60) and a real task worker
(`manage.py run_worker`) on a PostgreSQL server of the test's own. While the database is down,
requests fail fast with 503 (no hang, the server stays up) and the worker waits; once it is
back, the very next request works, the worker's heartbeat moves again and it runs a task
enqueued after the outage, without restarting anything."""

import json
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
        env = pg.django_env("sunshine", tmp_path / "var")
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
        with open(tmp_path / "worker.log", "wb") as worker_log:
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "run_worker", "--worker-id=outage-worker",
                 "--heartbeat-seconds=0.5", "--interval=0.2", "--no-startup-delay"],
                env=env, cwd=BASE_DIR, stdout=worker_log, stderr=subprocess.STDOUT,
            )  # fmt: skip
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
            yield {"pg": pg, "base": base, "server": server, "log": log, "worker": worker,
                   "env": env, "tmp": tmp_path}  # fmt: skip
        finally:
            for process in (server, worker):
                process.terminate()
                process.wait(timeout=30)


def wait_for(predicate, timeout: float, what: str, logs: Path) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            dump = "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in logs.glob("*.log"))
            pytest.fail(f"timed out waiting for {what}\n{dump}")
        time.sleep(0.2)


def beat(pg) -> str:
    return pg.query(
        "sunshine", "SELECT last_seen FROM jobs_workerheartbeat WHERE worker_id = 'outage-worker'"
    )


def test_requests_fail_fast_during_a_database_outage_and_work_again_after_it(
    app_on_own_postgres,
):
    pg, base, server, worker, tmp = (
        app_on_own_postgres[k] for k in ("pg", "base", "server", "worker", "tmp")
    )
    wait_for(lambda: beat(pg), 60, "the worker's first heartbeat", tmp)

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
    time.sleep(1)
    assert worker.poll() is None  # so is the worker, waiting for the database

    pg.start()
    before_restart = pg.query("sunshine", "SELECT now()")
    status, report, seconds = get(base + "/healthz")  # the very first request after it
    assert status == 200, report
    assert report["database"]["ok"] is True and report["worker"]["pending"] == 0
    assert seconds < FAST
    assert server.poll() is None
    booted = app_on_own_postgres["log"].read_text().count("Booting worker")
    assert booted == 1  # the same gunicorn worker served before, during and after

    # The worker beats again and runs a task enqueued after the outage.
    wait_for(
        lambda: (
            pg.query(
                "sunshine",
                "SELECT count(*) FROM jobs_workerheartbeat WHERE worker_id = 'outage-worker' "
                f"AND last_seen > '{before_restart}'",
            )
            == "1"
        ),
        60,
        "the worker's heartbeat after the outage",
        tmp,
    )
    enqueue = subprocess.run(
        [sys.executable, "-c",
         "import django; django.setup(); from sunshine.kernel.jobs.tests.tasks import add; "
         "print(add.enqueue(2, 3).id)"],
        env=app_on_own_postgres["env"], cwd=BASE_DIR, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert enqueue.returncode == 0, enqueue.stderr[-3000:]
    task_id = enqueue.stdout.strip().splitlines()[-1]
    status = f"SELECT status FROM django_tasks_database_dbtaskresult WHERE id = '{task_id}'"
    wait_for(lambda: pg.query("sunshine", status) == "SUCCESSFUL", 60, "the task to run", tmp)
    assert worker.poll() is None
    assert "reconnecting" in (tmp / "worker.log").read_text()
