"""Helpers for tests that run the real task queue in-process (django-tasks-db's Worker).

The worker opens and checks connections itself, so tests that use these need
`@pytest.mark.django_db(transaction=True)`."""

import contextlib
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max


def run_worker_batch(*, max_tasks: int | None = None, worker_id: str = "test-worker") -> int:
    """Run every task that is ready now (and those they enqueue, if ready), then return the
    number of tasks run."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.run()
    return worker._run_tasks


def make_deferred_tasks_due() -> int:
    """Move tasks waiting for a later `run_after` (e.g. retries in backoff) to now."""
    now = timezone.now()
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, run_after__gt=now, run_after__lt=get_date_max()
    ).update(run_after=now)


@contextlib.contextmanager
def database_for_subprocesses(tmp_dir: Path):
    """Environment variables that point a `manage.py` subprocess at the test database.

    PostgreSQL: the test database itself (the test must commit: `transaction=True`).
    SQLite: the test database lives in this process's memory, so it is copied to a file under
    `tmp_dir` with the online backup API on entry, and copied back on exit, so that the test
    then reads what the subprocesses wrote through the ORM as usual."""
    conn = connection
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTEST_XDIST_WORKER", "REDIS_URL", "DATABASE_URL", "SUNSHINE_VAR_DIR")
    }
    var_dir = Path(tmp_dir) / "var"
    var_dir.mkdir(parents=True, exist_ok=True)
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", SUNSHINE_VAR_DIR=str(var_dir))
    if conn.vendor == "postgresql":
        params = conn.settings_dict
        user = quote(str(params.get("USER") or ""), safe="")
        password = quote(str(params.get("PASSWORD") or ""), safe="")
        auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        env["DATABASE_URL"] = (
            f"postgres://{auth}{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}"
            f"/{params['NAME']}"
        )
        yield env
        return
    db_file = var_dir / "sunshine.sqlite3"
    conn.ensure_connection()
    copy = sqlite3.connect(db_file)
    try:
        conn.connection.backup(copy)
    finally:
        copy.close()
    try:
        yield env
    finally:
        source = sqlite3.connect(db_file)
        try:
            source.backup(conn.connection)
        finally:
            source.close()
