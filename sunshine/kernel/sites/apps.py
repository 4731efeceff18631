from django.apps import AppConfig


class SitesConfig(AppConfig):
    name = "sunshine.kernel.sites"
    label = "sites_cluster"
    verbose_name = "网站集群"
