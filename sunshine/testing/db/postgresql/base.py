"""PostgreSQL for the test suite: Django's backend, except that a flush empties the tables with
DELETE instead of TRUNCATE.

Every test that needs committed data (the browser journeys and other live-server tests,
`transaction=True`) ends with a flush of all ~180 tables. TRUNCATE makes new files for each
table and index and drops the old ones at commit: measured here, 10–20 s per flush on a busy
two-core machine, against 0.6–0.9 s for DELETE of the same, nearly empty, tables. Django's
foreign keys on PostgreSQL are DEFERRABLE INITIALLY DEFERRED, so the deletes may run in any
order inside the flush's transaction. A flush that must also restart the sequences
(`reset_sequences=True`) keeps Django's TRUNCATE … RESTART IDENTITY."""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences:
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["SET CONSTRAINTS ALL DEFERRED;"] + [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
