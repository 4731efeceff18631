from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "sunshine.disclosure.records"
    label = "records"
    verbose_name = "政府信息"

    def ready(self):
        from sunshine.kernel.jobs.schedule import register_periodic

        from . import permissions

        permissions.register()
        # Scheduled publication: every minute; a sweep after an outage catches up (scheduling.py).
        register_periodic(
            "records.publish_scheduled",
            "sunshine.disclosure.records.tasks.publish_scheduled_records",
            cron="* * * * *",
        )
