from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "sunshine.kernel.oversight"
    label = "oversight"
    verbose_name = "督办"
