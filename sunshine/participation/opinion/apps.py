"""政务舆情."""

from django.apps import AppConfig


class OpinionConfig(AppConfig):
    name = "sunshine.participation.opinion"
    label = "opinion"
    verbose_name = "政务舆情"

    def ready(self):
        from sunshine.kernel.jobs.schedule import register_periodic

        from . import permissions, rules

        permissions.register()
        rules.register()
        # Overdue opinion clocks also go to the general office (alerts.py). The clock rules
        # themselves (opinion.*) are registered by rules.py.
        register_periodic(
            "opinion.overdue_notices",
            "sunshine.participation.opinion.tasks.notify_overdue",
            cron="*/5 * * * *",
        )
