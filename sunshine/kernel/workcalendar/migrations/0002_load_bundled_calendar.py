"""Load the official holiday calendar shipped in workcalendar/data/ (2007–2026; 2027 has no
days yet and stays "not loaded"), so that every fresh database — tests included — has it.
Seeding, not a user's change: no audit event (later loads go through the audited service)."""

from django.db import migrations
from django.utils import timezone


def load(apps, schema_editor):
    from sunshine.kernel.workcalendar import bundle

    bundle.seed_bundled(
        apps.get_model("workcalendar", "CalendarYear"),
        apps.get_model("workcalendar", "CalendarDay"),
        apps.get_model("workcalendar", "CalendarState"),
        now=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
