"""The datastore's index (`ResourceCell`, `ResourceBitmap`, see datastore_index.py), filled
for the rows loaded before it existed. On PostgreSQL the GIN index on the rows' JSON
(migration 0002) goes: searches no longer use it, and it slowed every load."""

import django.db.models.deletion
from django.db import migrations, models


def index_loaded_rows(apps, schema_editor):
    from sunshine.opendata.datasets import datastore_index

    Resource = apps.get_model("datasets", "Resource")
    ResourceRow = apps.get_model("datasets", "ResourceRow")
    for resource_id in Resource.objects.filter(datastore_active=True).values_list("pk", flat=True):
        rows = ResourceRow.objects.filter(resource_id=resource_id).order_by("rownum")
        entries = datastore_index.build_entries(rows.values_list("rownum", "data").iterator())
        count = ResourceRow.objects.filter(resource_id=resource_id).count()
        datastore_index.write_entries(resource_id, entries, count)


GIN = "datasets_resourcerow_data_gin"


def drop_gin(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN}")


def create_gin(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {GIN} ON datasets_resourcerow USING gin (data jsonb_path_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("datasets", "0005_harvest"),
    ]

    operations = [
        migrations.CreateModel(
            name="ResourceCell",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "resource",
                        "field",
                        "value",
                        "rownum",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("field", models.CharField(max_length=100)),
                ("value", models.CharField(max_length=200)),
                ("rownum", models.PositiveIntegerField()),
                (
                    "resource",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="datasets.resource",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="ResourceBitmap",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "resource",
                        "field",
                        "value",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("field", models.CharField(max_length=100)),
                ("value", models.CharField(max_length=200)),
                ("count", models.PositiveIntegerField()),
                ("bits", models.BinaryField()),
                (
                    "resource",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="datasets.resource",
                    ),
                ),
            ],
        ),
        migrations.RunPython(index_loaded_rows, migrations.RunPython.noop),
        migrations.RunPython(drop_gin, create_gin),
    ]
