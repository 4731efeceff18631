from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "sunshine.portal"
    label = "portal"
    verbose_name = "门户网站"

    def ready(self):
        from sunshine.kernel.features import shell_modules

        # Every declared feature (kernel/features.py) may have `portal/<surface>/providers.py`
        # whose register() declares its column providers, sitemap sections and detail panels.
        for module in shell_modules("portal", "providers"):
            module.register()
        # The column lists behind the page cache (columns.py), refreshed every minute.
        from sunshine.kernel.jobs.schedule import register_periodic

        register_periodic(
            "portal.refresh_column_snapshots",
            "sunshine.portal.tasks.refresh_column_snapshots_task",
            cron="* * * * *",
        )
