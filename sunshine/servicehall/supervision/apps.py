from django.apps import AppConfig


class ServiceSupervisionConfig(AppConfig):
    name = "sunshine.servicehall.supervision"
    label = "service_supervision"
    verbose_name = "电子监察"

    def ready(self):
        from . import permissions

        permissions.register()
