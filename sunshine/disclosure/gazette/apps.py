from sunshine.kernel.features import FeatureConfig


class GazetteConfig(FeatureConfig):
    name = "sunshine.disclosure.gazette"
    label = "gazette"
    verbose_name = "政府公报"

    def ready(self):
        import logging

        super().ready()
        # WeasyPrint (the issue PDFs) logs every layout step at INFO: keep its warnings only.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
