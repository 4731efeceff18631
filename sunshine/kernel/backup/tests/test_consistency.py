"""A backup taken while the application writes is consistent: the dump and the manifest's
checksums describe the same moment (PostgreSQL: pg_dump runs in the snapshot the checksums
are read in; SQLite: the checksums are read from the copy the backup API made in one step),
so restoring it passes the table-by-table check. And the PostgreSQL client tools are checked
before use: an older pg_dump than the server, or none at all, is refused with a clear message."""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import OperationalError, close_old_connections, connection

from sunshine.kernel.backup.database import find_pg_tool, live_checksums
from sunshine.kernel.backup.errors import BackupError
from sunshine.kernel.backup.testing import wipe_database
from sunshine.kernel.orgs.models import Region
from sunshine.testing.factories import AgencyFactory


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_while_rows_are_written_restores_and_verifies(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    AgencyFactory.create_batch(5)
    stop, written, during = threading.Event(), [0], [0]
    backing_up = threading.Event()

    def writer():
        try:
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    Region.objects.create(code=f"9{n:05d}", name=f"测试区划{n}")
                except OperationalError:  # SQLite: the backup holds the lock for a moment
                    time.sleep(0.01)
                    continue
                written[0] += 1
                if backing_up.is_set():
                    during[0] += 1
        finally:
            close_old_connections()
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while written[0] < 20:
            time.sleep(0.01)
        backing_up.set()
        call_command("backup", str(tmp_path / "bk"))
        backing_up.clear()
        time.sleep(0.1)
    finally:
        stop.set()
        thread.join(30)
    assert during[0] > 0, "no row was written while the backup ran: the test proves nothing"

    wipe_database()
    call_command("restore", str(tmp_path / "bk"))  # compares every table with the manifest
    restored = Region.objects.filter(code__startswith="9").count()
    assert 20 <= restored < written[0]  # a moment in the middle of the writes
    assert live_checksums()["tables"]  # the database is back and readable


def fake_tool(directory, name: str, version: str):
    directory.mkdir(exist_ok=True)
    tool = directory / name
    tool.write_text(f"#!/bin/sh\necho '{name} (PostgreSQL) {version}'\n")
    tool.chmod(0o755)
    return tool


def test_a_pg_dump_older_than_the_server_is_refused(settings, tmp_path):
    settings.BACKUP_PG_BIN_DIR = str(tmp_path / "bin")
    fake_tool(tmp_path / "bin", "pg_dump", "12.4 (Debian 12.4-1)")
    with pytest.raises(BackupError, match=r"版本（12）低于数据库服务器（15）"):
        find_pg_tool("pg_dump", 15)
    tool = fake_tool(tmp_path / "bin", "pg_dump", "16.1")
    assert find_pg_tool("pg_dump", 15) == str(tool)


def test_a_missing_pg_tool_is_named(settings, tmp_path, monkeypatch):
    settings.BACKUP_PG_BIN_DIR = str(tmp_path / "empty")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(BackupError, match="找不到 PostgreSQL 客户端工具 pg_restore"):
        find_pg_tool("pg_restore", 99)  # no /usr/lib/postgresql/99 either


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="sequences are PostgreSQL's (SQLite's are rows)"
)
def test_a_sequence_behind_its_column_fails_the_check(settings, tmp_path):
    from sunshine.kernel.backup.services import check_restored, create_backup, read_manifest

    settings.MEDIA_ROOT = tmp_path / "media"
    regions = [Region.objects.create(code=f"8{n:05d}", name=f"区划{n}") for n in range(3)]
    create_backup(tmp_path / "bk")
    manifest = read_manifest(tmp_path / "bk")
    assert check_restored(manifest) == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence('orgs_region', 'id')")
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT setval(%s, 1, false)", [sequence])
    problems = check_restored(manifest)
    assert len(problems) == 1 and f"orgs_region.id 已有 {regions[-1].pk}" in problems[0]
