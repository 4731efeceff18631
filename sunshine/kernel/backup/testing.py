"""Helpers for backup tests: wipe the test database as a disaster would, and fingerprint a
directory of files."""

from pathlib import Path

from django.db import connection

from .checksums import quote_name, sqlite_tables
from .services import _files_under, sha256_of


def wipe_database() -> None:
    """Drop every table (SQLite, including FTS5 virtual tables) or the whole schema
    (PostgreSQL), leaving an empty database like a new server's."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_schema()")
            schema = quote_name(cursor.fetchone()[0])
            cursor.execute(f"DROP SCHEMA {schema} CASCADE; CREATE SCHEMA {schema}")
            return
        cursor.execute("PRAGMA foreign_keys = OFF")
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP TABLE IF EXISTS {quote_name(name)}")
        for name in sqlite_tables(cursor):
            if name != "sqlite_sequence":
                cursor.execute(f"DROP TABLE IF EXISTS {quote_name(name)}")
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")
        if cursor.fetchone():
            cursor.execute("DELETE FROM sqlite_sequence")
        cursor.execute("PRAGMA foreign_keys = ON")


def tree_checksums(root: Path) -> dict[str, str]:
    """{relative path: sha256} of every file under `root`."""
    root = Path(root)
    return {path.relative_to(root).as_posix(): sha256_of(path) for path in _files_under(root)}
