from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "sunshine.kernel.orgs"
    label = "orgs"
    verbose_name = "机关与行政区划"
