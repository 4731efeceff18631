"""The full-text index beside search_searchdocument, per database vendor.

SQLite: an FTS5 table over title_tokens/body_tokens with search_searchtext as external
content (the tokens are stored once; FTS rowid = doc_id = search_searchdocument.id), kept in
sync by triggers, so that every write to the table (bulk upserts, deletes, flushes) updates
the index in the same transaction.
Caution: when a later migration makes Django rebuild search_searchtext on SQLite
(AlterField and friends copy the table), the triggers are dropped with the old table: run
`manage.py search_rebuild` after it (or recreate them with the SQL below).

PostgreSQL: generated tsvector columns on search_searchtext: search_vector (title weight A,
body weight B) with a GIN index, and title_vector (the title alone, for ranking).
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        title_tokens, body_tokens,
        content='search_searchtext', content_rowid='doc_id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_insert AFTER INSERT ON search_searchtext BEGIN
        INSERT INTO search_fts(rowid, title_tokens, body_tokens)
        VALUES (new.doc_id, new.title_tokens, new.body_tokens);
    END""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_delete AFTER DELETE ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.doc_id, old.title_tokens, old.body_tokens);
    END""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_update
    AFTER UPDATE OF title_tokens, body_tokens ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.doc_id, old.title_tokens, old.body_tokens);
        INSERT INTO search_fts(rowid, title_tokens, body_tokens)
        VALUES (new.doc_id, new.title_tokens, new.body_tokens);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRESQL_FORWARD = [
    """ALTER TABLE search_searchtext ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_tokens), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_tokens), 'B')
    ) STORED""",
    "CREATE INDEX search_text_vector ON search_searchtext USING GIN (search_vector)",
    # The title alone, small and uncompressed: "does the title hold the query" without
    # decompressing the whole vector.
    """ALTER TABLE search_searchtext ADD COLUMN title_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title_tokens)) STORED""",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_text_vector",
    "ALTER TABLE search_searchtext DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_searchtext DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
            elidable=False,
        )
    ]
