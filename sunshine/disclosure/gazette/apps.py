from django.apps import AppConfig


class GazetteConfig(AppConfig):
    name = "sunshine.disclosure.gazette"
    label = "gazette"
    verbose_name = "政府公报"

    def ready(self):
        import logging

        from django.utils.translation import gettext_lazy as _

        from sunshine.kernel.search.registry import register_doc_type

        from . import permissions
        from .indexing import DOC_TYPE, reindex_documents

        permissions.register()
        # Site search: the articles of published historical issues (their own text; the
        # records of compiled issues are indexed as records).
        register_doc_type(DOC_TYPE, _("政府公报"), reindex=reindex_documents)
        # WeasyPrint (the issue PDFs) logs every layout step at INFO: keep its warnings only.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
