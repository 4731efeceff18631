from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "sunshine.disclosure.records"
    label = "records"
    verbose_name = "政府信息"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from sunshine.kernel.jobs.schedule import register_periodic
        from sunshine.kernel.search.registry import register_doc_type

        from . import permissions, rules
        from .indexing import reindex_documents

        permissions.register()
        rules.register()
        # Site search: public records are documents of type "record" (indexing.py); the
        # reindex callable serves `manage.py search_reindex --type record`.
        register_doc_type("record", _("政府信息"), reindex=reindex_documents)
        # Scheduled publication: every minute; a sweep after an outage catches up (scheduling.py).
        register_periodic(
            "records.publish_scheduled",
            "sunshine.disclosure.records.tasks.publish_scheduled_records",
            cron="* * * * *",
        )
