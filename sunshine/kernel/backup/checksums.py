"""A checksum of every table: its row count and a SHA-256 over its rows.

Each row is turned into text by the database itself (SQLite: `quote()` of every column, which
keeps the type: 1, 1.0, '1' and X'01' differ; PostgreSQL: the row's `::text`), each row text
is hashed, and the table's hash is taken over the sorted row hashes. Sorting the row hashes
instead of the rows makes the result independent of the collation that ORDER BY would use
(a text primary key such as the session key may sort differently on another server) while
still covering every row exactly once: two tables with the same checksum hold the same
multiset of rows.

Which tables: every table of the database (SQLite: all but its own sqlite_* tables, except
sqlite_sequence, and FTS5 virtual tables, whose content is in their shadow tables, which are
counted; PostgreSQL: every ordinary table of the connection's schema). On PostgreSQL every
sequence is also checked to be ahead of its column, so a restore cannot hand out an id that
already exists."""

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

# SQL here is built from table names read from the database catalogue, each quoted as an
# identifier; no user input reaches it.


def quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class TableChecksum:
    rows: int
    sha256: str

    def as_dict(self) -> dict:
        return {"rows": self.rows, "sha256": self.sha256}


def _digest(row_texts) -> TableChecksum:
    digests = sorted(hashlib.sha256(text.encode("utf-8")).digest() for text in row_texts)
    total = hashlib.sha256()
    for digest in digests:
        total.update(digest)
    return TableChecksum(rows=len(digests), sha256=total.hexdigest())


def _fetch_all(cursor, batch: int = 2000):
    while True:
        rows = cursor.fetchmany(batch)
        if not rows:
            return
        yield from rows


def sqlite_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
        "AND (name NOT LIKE 'sqlite\\_%' ESCAPE '\\' OR name = 'sqlite_sequence') ORDER BY name"
    )
    return [
        name
        for name, sql in cursor.fetchall()
        if not (sql or "").upper().startswith("CREATE VIRTUAL TABLE")
    ]


def _sqlite_table(cursor, table: str) -> TableChecksum:
    cursor.execute(f"PRAGMA table_info({quote_name(table)})")
    columns = [row[1] for row in cursor.fetchall()]
    select = ", ".join(f"quote({quote_name(c)})" for c in columns)
    cursor.execute(f"SELECT {select} FROM {quote_name(table)}")  # nosec B608
    return _digest("\x1f".join(str(v) for v in row) for row in _fetch_all(cursor))


def postgres_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname"
    )
    return [row[0] for row in cursor.fetchall()]


def _postgres_table(cursor, table: str) -> TableChecksum:
    cursor.execute(f"SELECT (t.*)::text FROM {quote_name(table)} AS t")  # nosec B608
    return _digest(row[0] for row in _fetch_all(cursor))


def postgres_sequence_problems(cursor) -> list[str]:
    """Sequences (serial and identity columns) of the current schema whose next value is
    not above the largest value already in their column: after a restore such a sequence
    would hand out an id that exists. Sequences are not transactional, so their positions
    are checked against the data rather than compared with the backup's."""
    cursor.execute(
        "SELECT s.relname, t.relname, a.attname FROM pg_class s "
        "JOIN pg_namespace n ON n.oid = s.relnamespace "
        "JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass "
        "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
        "JOIN pg_class t ON t.oid = d.refobjid "
        "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
        "WHERE s.relkind = 'S' AND n.nspname = current_schema() ORDER BY s.relname"
    )
    problems = []
    for sequence, table, column in cursor.fetchall():
        cursor.execute(f"SELECT last_value, is_called FROM {quote_name(sequence)}")  # nosec B608
        last_value, is_called = cursor.fetchone()
        next_value = last_value + 1 if is_called else last_value
        cursor.execute(
            f"SELECT max({quote_name(column)}) FROM {quote_name(table)}"  # nosec B608
        )
        largest = cursor.fetchone()[0]
        if largest is not None and largest >= next_value:
            problems.append(
                _("序列 %(sequence)s 的下一个值是 %(next)s，但 %(column)s 已有 %(largest)s")
                % {
                    "sequence": sequence,
                    "next": next_value,
                    "column": f"{table}.{column}",
                    "largest": largest,
                }
            )
    return problems


def table_checksums(cursor, vendor: str) -> dict[str, dict]:
    """{table name: {"rows": n, "sha256": hex}} for every table, read through `cursor` (a
    DB-API cursor: Django's, or a plain sqlite3 one on a backup file)."""
    if vendor == "sqlite":
        return {t: _sqlite_table(cursor, t).as_dict() for t in sqlite_tables(cursor)}
    if vendor == "postgresql":
        return {t: _postgres_table(cursor, t).as_dict() for t in postgres_tables(cursor)}
    raise ValueError(f"unsupported database vendor: {vendor}")


def compare_tables(expected: dict[str, dict], actual: dict[str, dict]) -> list[str]:
    """Differences as readable lines (empty when equal)."""
    problems = []
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            problems.append(_("数据表 %(table)s 缺失") % {"table": name})
        elif name not in expected:
            problems.append(
                _("数据表 %(table)s 不在备份中（%(rows)d 行）")
                % {"table": name, "rows": actual[name]["rows"]}
            )
        elif expected[name] != actual[name]:
            rows, want = actual[name]["rows"], expected[name]["rows"]
            problems.append(
                _("数据表 %(table)s 有 %(rows)d 行，备份中为 %(want)d 行")
                % {"table": name, "rows": rows, "want": want}
                if rows != want
                else _("数据表 %(table)s 行数相同（%(rows)d 行）但内容不同")
                % {"table": name, "rows": rows}
            )
    return problems
