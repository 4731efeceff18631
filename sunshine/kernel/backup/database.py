"""Copy the database out and back in, with the tool that fits the backend.

SQLite: the online backup API (`sqlite3.Connection.backup`), which copies a consistent
snapshot page by page while the application keeps running; restore copies the backup file
back into the live database the same way (every connection sees the restored content).

PostgreSQL: `pg_dump -Fc` in the snapshot of a REPEATABLE READ transaction that also computes
the table checksums (`pg_export_snapshot()` + `pg_dump --snapshot`), so the dump and the
manifest describe the same moment while the application keeps writing; restore runs
`pg_restore` into `psql --single-transaction`, so a failed restore changes nothing.
The client tools must be at least the server's major version: they are looked up in
settings.BACKUP_PG_BIN_DIR, then /usr/lib/postgresql/<server major>/bin, then PATH."""

import os
import shutil
import sqlite3
import subprocess  # nosec B404
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from .checksums import (
    postgres_sequence_problems,
    postgres_tables,
    quote_name,
    table_checksums,
)
from .errors import BackupError

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"


def vendor(using: str = DEFAULT_DB_ALIAS) -> str:
    return connections[using].vendor


def database_file_name(db_vendor: str) -> str:
    if db_vendor == "sqlite":
        return SQLITE_FILE
    if db_vendor == "postgresql":
        return POSTGRES_FILE
    raise BackupError(_("不支持的数据库类型：%(vendor)s。") % {"vendor": db_vendor})


# --- SQLite ---------------------------------------------------------------------------------


def _sqlite_connection(using: str) -> sqlite3.Connection:
    conn = connections[using]
    conn.ensure_connection()
    return conn.connection


def sqlite_dump(target: Path, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Copy the live database to `target`; return the checksums of the copy."""
    source = _sqlite_connection(using)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # one step (pages=-1): a consistent snapshot
        return {"tables": table_checksums(copy.cursor(), "sqlite")}
    finally:
        copy.close()


def sqlite_restore(source_file: Path, using: str = DEFAULT_DB_ALIAS) -> None:
    backup = sqlite3.connect(f"file:{source_file}?mode=ro", uri=True)
    try:
        backup.backup(_sqlite_connection(using))
    finally:
        backup.close()


# --- PostgreSQL -----------------------------------------------------------------------------


def _server_major(cursor) -> int:
    cursor.execute("SHOW server_version_num")
    return int(cursor.fetchone()[0]) // 10000


def _tool_major(path: str) -> int:
    out = subprocess.run(  # nosec B603
        [path, "--version"], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    # "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    return int(out.split(")")[1].split()[0].split(".")[0])


def find_pg_tool(name: str, server_major: int) -> str:
    """The absolute path of a PostgreSQL client tool at least as new as the server."""
    candidates = []
    configured = getattr(settings, "BACKUP_PG_BIN_DIR", "")
    if configured:
        candidates.append(Path(configured) / name)
    candidates.append(Path(f"/usr/lib/postgresql/{server_major}/bin") / name)
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            major = _tool_major(str(path))
            if major >= server_major:
                return str(path)
            raise BackupError(
                _(
                    "%(tool)s 的版本（%(tool_major)s）低于数据库服务器（%(server_major)s），"
                    "无法可靠地备份或恢复。请安装 PostgreSQL %(server_major)s 的客户端工具，"
                    "或用 BACKUP_PG_BIN_DIR 指定其目录。"
                )
                % {"tool": path, "tool_major": major, "server_major": server_major}
            )
    raise BackupError(
        _(
            "找不到 PostgreSQL 客户端工具 %(tool)s。请安装 postgresql-client，或用 BACKUP_PG_BIN_DIR 指定其目录。"
        )
        % {"tool": name}
    )


def _pg_env(using: str) -> dict:
    params = connections[using].settings_dict
    env = {**os.environ, "PGDATABASE": str(params["NAME"])}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                     ("PASSWORD", "PGPASSWORD")):  # fmt: skip
        if params.get(key):
            env[var] = str(params[key])
    sslmode = (params.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _run(args: list[str], *, env: dict, what: str, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, env=env, capture_output=True, text=True, **kwargs)  # nosec B603
    if result.returncode != 0:
        raise BackupError(
            _("%(what)s 失败（退出码 %(code)s）：%(error)s")
            % {"what": what, "code": result.returncode, "error": result.stderr.strip()[-2000:]}
        )
    return result


def postgres_dump(target: Path, using: str = DEFAULT_DB_ALIAS) -> dict:
    """pg_dump the database to `target` in the snapshot the checksums are computed in."""
    conn = connections.create_connection(using)  # a connection of our own for the snapshot
    try:
        conn.ensure_connection()
        conn.connection.autocommit = False
        with conn.connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            pg_dump = find_pg_tool("pg_dump", _server_major(cursor))
            _run(
                [pg_dump, "--format=custom", "--no-owner", "--no-privileges",
                 f"--snapshot={snapshot}", f"--file={target}"],
                env=_pg_env(using),
                what="pg_dump",
            )  # fmt: skip
            checksums = {"tables": table_checksums(cursor, "postgresql")}
        conn.connection.rollback()
        return checksums
    finally:
        conn.close()


def postgres_live_checksums(using: str = DEFAULT_DB_ALIAS) -> dict:
    conn = connections.create_connection(using)
    try:
        with conn.cursor() as cursor:
            return {
                "tables": table_checksums(cursor, "postgresql"),
                "sequence_problems": postgres_sequence_problems(cursor),
            }
    finally:
        conn.close()


def postgres_restore(source_file: Path, *, wipe: bool, using: str = DEFAULT_DB_ALIAS) -> None:
    """Restore the dump in one transaction; with `wipe`, the current schema is dropped and
    created again first (in the same transaction)."""
    conn = connections.create_connection(using)
    try:
        with conn.cursor() as cursor:
            major = _server_major(cursor)
            cursor.execute("SELECT current_schema()")
            schema = cursor.fetchone()[0]
    finally:
        conn.close()
    pg_restore, psql = find_pg_tool("pg_restore", major), find_pg_tool("psql", major)
    env = _pg_env(using)
    with tempfile.TemporaryDirectory(prefix="sunshine-restore-") as tmp:
        prelude = Path(tmp) / "prelude.sql"
        prelude.write_text(
            f"DROP SCHEMA IF EXISTS {quote_name(schema)} CASCADE;\n"
            f"CREATE SCHEMA {quote_name(schema)};\n"
            if wipe
            else "SELECT 1;\n"
        )
        script = Path(tmp) / "restore.sql"
        _run(
            [pg_restore, "--no-owner", "--no-privileges", f"--file={script}", str(source_file)],
            env=env,
            what="pg_restore",
        )
        _run(
            [psql, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
             f"--file={prelude}", f"--file={script}"],
            env=env,
            what="psql",
        )  # fmt: skip
    for conn in connections.all():
        conn.close()  # sessions opened before the restore may hold stale plans


def database_is_empty(using: str = DEFAULT_DB_ALIAS) -> bool:
    """True when the database holds no table at all (a new, never migrated database)."""
    conn = connections[using]
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            # sqlite_sequence cannot be dropped: an emptied database may keep it.
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            )
            return cursor.fetchone()[0] == 0
        return not postgres_tables(cursor)


def live_checksums(using: str = DEFAULT_DB_ALIAS) -> dict:
    conn = connections[using]
    if conn.vendor == "postgresql":
        return postgres_live_checksums(using)
    with conn.cursor() as cursor:
        return {"tables": table_checksums(cursor, conn.vendor)}
