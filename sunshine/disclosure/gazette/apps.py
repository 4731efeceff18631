from django.apps import AppConfig


class GazetteConfig(AppConfig):
    name = "sunshine.disclosure.gazette"
    label = "gazette"
    verbose_name = "政府公报"
