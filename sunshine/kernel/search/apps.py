from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "sunshine.kernel.search"
    label = "search"
    verbose_name = "全文检索"
