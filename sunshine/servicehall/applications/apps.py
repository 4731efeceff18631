from django.apps import AppConfig


class ServiceApplicationsConfig(AppConfig):
    name = "sunshine.servicehall.applications"
    label = "service_applications"
    verbose_name = "办件"

    def ready(self):
        from . import permissions, registration, rules

        permissions.register()
        rules.register()
        registration.register_ratings()
        registration.register_oversight()
