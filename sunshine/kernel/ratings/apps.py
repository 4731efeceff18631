from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "sunshine.kernel.ratings"
    label = "ratings"
    verbose_name = "好差评"

    def ready(self):
        from sunshine.kernel.jobs.schedule import register_periodic

        from . import permissions, rules

        permissions.register()
        rules.register()
        # Daily at 01:30 Asia/Shanghai: no rating within the period → 基本满意 (rules.md §6).
        register_periodic(
            "ratings.default",
            "sunshine.kernel.ratings.tasks.apply_default_ratings_task",
            cron="30 1 * * *",
        )
