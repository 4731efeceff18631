from django.apps import AppConfig


class ServiceCatalogConfig(AppConfig):
    name = "sunshine.servicehall.catalog"
    label = "service_catalog"
    verbose_name = "政务服务事项"

    def ready(self):
        from . import indexing, permissions

        permissions.register()
        indexing.register()
