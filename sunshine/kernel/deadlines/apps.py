from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "sunshine.kernel.deadlines"
    label = "deadlines"
    verbose_name = "期限"

    def ready(self):
        from sunshine.kernel.jobs.schedule import register_periodic

        # No rules here: each module registers the rules it owns (its rules.py).
        register_periodic(
            "deadlines.sweep", "sunshine.kernel.deadlines.tasks.sweep_clocks", cron="*/5 * * * *"
        )
