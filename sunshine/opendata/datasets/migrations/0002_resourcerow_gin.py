"""On PostgreSQL, a GIN index on the datastore rows' values, so that datastore_search filters
(`data @> {"field": value}`) are served by an index; SQLite has no such index (filters scan
the resource's rows)."""

from django.db import migrations

INDEX = "datasets_resourcerow_data_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON datasets_resourcerow "
            "USING gin (data jsonb_path_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("datasets", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
