"""Repair the full-text index from the documents table: on SQLite recreate the FTS5 table's
triggers (a migration that rebuilds search_searchdocument drops them) and rebuild its
content; on PostgreSQL the generated column needs nothing, the GIN index is reindexed."""

import importlib

from django.core.management.base import BaseCommand
from django.db import connection, transaction

# The DDL lives in the migration that created it; reuse it rather than copy it.
fulltext = importlib.import_module("sunshine.kernel.search.migrations.0002_fulltext")


class Command(BaseCommand):
    help = "重建全文索引（SQLite：触发器与 FTS5 表；PostgreSQL：GIN 索引）。"

    def handle(self, *args, **options):
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                for statement in fulltext.SQLITE_FORWARD:
                    cursor.execute(statement)
            elif connection.vendor == "postgresql":
                cursor.execute("REINDEX INDEX search_text_vector")
        self.stdout.write(self.style.SUCCESS("全文索引已重建。"))
