from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "sunshine.disclosure.catalog"
    label = "catalog"
    verbose_name = "主动公开基本目录"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from sunshine.kernel.deadlines.rules import register_rule
        from sunshine.kernel.jobs.schedule import register_periodic

        from . import permissions

        permissions.register()
        # The yearly review has its own clock so that it shows on the deadline dashboard;
        # a province may change the number with settings.DEADLINE_RULES["catalog.review"].
        register_rule("catalog.review", length=20, label=_("目录年度审核"))
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
