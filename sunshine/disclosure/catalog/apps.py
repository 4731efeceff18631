from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "sunshine.disclosure.catalog"
    label = "catalog"
    verbose_name = "主动公开基本目录"

    def ready(self):

        from sunshine.kernel.jobs.schedule import register_periodic

        from . import permissions, rules

        permissions.register()
        rules.register()
        # Daily, early morning (Asia/Shanghai): flag stale items, then open due reviews.
        register_periodic(
            "catalog.stale_check",
            "sunshine.disclosure.catalog.tasks.check_stale_items",
            cron="10 6 * * *",
        )
        register_periodic(
            "catalog.open_reviews",
            "sunshine.disclosure.catalog.tasks.open_due_reviews",
            cron="20 6 * * *",
        )
