from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "sunshine.disclosure.catalog"
    label = "catalog"
    verbose_name = "主动公开基本目录"
