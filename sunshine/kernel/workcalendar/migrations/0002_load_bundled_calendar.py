"""Load the official holiday calendar shipped in workcalendar/data/ (2007–2026; 2027 has no
days yet and stays "not loaded"), so that every fresh database — tests included — has it.
Seeding, not a user's change: no audit event (later loads go through the audited service)."""

import secrets

from django.db import migrations
from django.utils import timezone


def load(apps, schema_editor):
    from sunshine.kernel.workcalendar import bundle

    CalendarYear = apps.get_model("workcalendar", "CalendarYear")
    CalendarDay = apps.get_model("workcalendar", "CalendarDay")
    CalendarState = apps.get_model("workcalendar", "CalendarState")
    now = timezone.now()
    for parsed in bundle.bundled_years():
        existing = CalendarYear.objects.filter(year=parsed.year).first()
        if existing is not None and existing.loaded:
            continue
        bundle.write_year(CalendarYear, CalendarDay, parsed, source="bundled", now=now)
    CalendarState.objects.update_or_create(id=1, defaults={"version": secrets.randbits(62)})


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
