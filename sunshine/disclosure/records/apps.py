from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "sunshine.disclosure.records"
    label = "records"
    verbose_name = "政府信息"
