from django.apps import AppConfig


class DocparseConfig(AppConfig):
    name = "sunshine.disclosure.docparse"
    label = "docparse"
    verbose_name = "公文解析"
