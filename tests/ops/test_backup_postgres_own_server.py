"""The PostgreSQL backup round trip where the suite itself runs on SQLite (`make test`, CI
phase 1): the real `manage.py` commands against a PostgreSQL server of the test's own, with
the kernel's data (agencies, users, attachments with their files, the audit chain). Where the
suite runs on PostgreSQL (CI phase 2), the in-process round trips cover it with every
domain's data, so this one is skipped there."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from sunshine.testing.pgserver import PostgresServer, find_pg_bin

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        find_pg_bin() is None,
        reason="PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql",
    ),
    pytest.mark.skipif(
        connection.vendor == "postgresql",
        reason="the suite runs on PostgreSQL: its in-process round trips cover PostgreSQL",
    ),
]

BASE_DIR = Path(settings.BASE_DIR)
STEPS = Path(__file__).with_name("pg_roundtrip_steps.py")


def test_postgres_backup_restore_round_trip_with_the_real_commands(tmp_path):
    with PostgresServer() as pg:
        pg.create_database("sunshine")
        env = pg.django_env("sunshine", tmp_path / "var", PYTHONPATH=str(BASE_DIR))

        def checksums(done: subprocess.CompletedProcess) -> dict:
            assert done.returncode == 0, done.stderr[-3000:]
            line = next(x for x in done.stdout.splitlines() if x.startswith("CHECKSUMS "))
            return json.loads(line.removeprefix("CHECKSUMS "))

        def run(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run(
                [sys.executable, *args], env=env, cwd=BASE_DIR, capture_output=True, text=True,
                timeout=180,
            )  # fmt: skip

        backup = tmp_path / "bk"
        before = checksums(run(str(STEPS), "load", str(backup)))
        assert before["tables"]["files_attachment"]["rows"] == 2 and len(before["files"]) == 2
        manifest = json.loads((backup / "manifest.json").read_text())
        assert manifest["vendor"] == "postgresql" and (backup / "database.pgdump").exists()
        assert manifest["database"]["tables"] == before["tables"]

        refused = run("manage.py", "restore", str(backup))  # the data is still there
        assert refused.returncode == 1
        assert "恢复目标不为空" in refused.stderr and "--force" in refused.stderr

        assert checksums(run(str(STEPS), "restore", str(backup))) == before
