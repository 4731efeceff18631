"""Bounded search work (query.py, counting.py).

PostgreSQL only (the FTS5 table on SQLite needs nothing):
- the date index in the order the pages read it (newest first, undated last), so that a
  listing or a broad query reads the newest documents without sorting all of them (SQLite
  reads search_doc_date backwards: its NULLs sort first);
- `search_searchtext` keeps its long values out of line: toast_tuple_target 128 moves body,
  tokens and search_vector to the TOAST table whenever a row is toasted at all, so that the
  heap that a GIN bitmap scan visits is narrow (148 MB → 60 MB at 100,000 documents);
  `title_vector` is stored in line (STORAGE MAIN) so that "does the title hold the query"
  reads no TOAST;
- `sample` = id % 64 on both tables, generated and indexed: counting.py estimates the total
  of a broad query from the documents of a few buckets, which PostgreSQL intersects with the
  GIN bitmap (BitmapAnd on search_searchtext) or with a filter's index (on
  search_searchdocument), whichever is smaller, so that only those rows are read;
- a GIN index on `title_vector`: the title matches of a query without scanning the others.
Adding the generated column rewrites the table (and re-toasts every row under the new
target): about 30 s at 100,000 documents.
"""

from django.db import migrations

POSTGRESQL_FORWARD = [
    """CREATE INDEX search_doc_date_desc
    ON search_searchdocument (date DESC NULLS LAST, id DESC)""",
    "ALTER TABLE search_searchtext SET (toast_tuple_target = 128)",
    "ALTER TABLE search_searchtext ALTER COLUMN title_vector SET STORAGE MAIN",
    """ALTER TABLE search_searchtext ADD COLUMN sample smallint
    GENERATED ALWAYS AS (mod(doc_id, 64)::smallint) STORED""",
    "CREATE INDEX search_text_sample ON search_searchtext (sample)",
    """ALTER TABLE search_searchdocument ADD COLUMN sample smallint
    GENERATED ALWAYS AS (mod(id, 64)::smallint) STORED""",
    "CREATE INDEX search_doc_sample ON search_searchdocument (sample)",
    "CREATE INDEX search_text_title_vector ON search_searchtext USING GIN (title_vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_date_desc",
    "DROP INDEX IF EXISTS search_text_title_vector",
    "ALTER TABLE search_searchtext DROP COLUMN IF EXISTS sample",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS sample",
    "ALTER TABLE search_searchtext ALTER COLUMN title_vector SET STORAGE EXTENDED",
    "ALTER TABLE search_searchtext RESET (toast_tuple_target)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.RunPython(
            _run(POSTGRESQL_FORWARD), _run(POSTGRESQL_BACKWARD), elidable=False
        ),
    ]
