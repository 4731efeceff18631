from django.apps import AppConfig
from django.db.models.signals import post_migrate


def restore_bundled_calendar(sender, using="default", **kwargs):
    """`flush` empties every table and then sends post_migrate (so does the end of every
    transactional test): without the shipped calendar, deadlines would silently count the
    statutory holidays only, with no 调休. Put back what the data migration loads; nothing to
    do when any year is present (a migrated or working database)."""
    from django.db import connections
    from django.utils import timezone

    from . import bundle
    from .models import CalendarDay, CalendarState, CalendarYear

    connection = connections[using]
    if CalendarYear._meta.db_table not in connection.introspection.table_names():
        return  # `migrate <another app>` before this app's tables exist
    if CalendarYear.objects.using(using).exists():
        return
    bundle.seed_bundled(CalendarYear, CalendarDay, CalendarState, now=timezone.now())


class WorkcalendarConfig(AppConfig):
    name = "sunshine.kernel.workcalendar"
    label = "workcalendar"
    verbose_name = "工作日历"

    def ready(self):
        post_migrate.connect(restore_bundled_calendar, sender=self)
