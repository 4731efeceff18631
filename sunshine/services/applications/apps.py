from django.apps import AppConfig


class ServiceApplicationsConfig(AppConfig):
    name = "sunshine.services.applications"
    label = "service_applications"
    verbose_name = "办件"
