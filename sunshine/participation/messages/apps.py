from django.apps import AppConfig


class CitizenMessagesConfig(AppConfig):
    name = "sunshine.participation.messages"
    label = "citizen_messages"
    verbose_name = "网民留言"

    def ready(self):
        from sunshine.kernel.jobs.schedule import register_periodic

        from . import indexing, integration, permissions, rules

        permissions.register()
        rules.register()
        integration.install()
        indexing.register()
        # Daily at 02:10 Asia/Shanghai: replied and not rated for N days → 办结.
        register_periodic(
            "messages.close_stale_replied",
            "sunshine.participation.messages.tasks.close_stale_replied_task",
            cron="10 2 * * *",
        )
