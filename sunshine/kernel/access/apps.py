from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "sunshine.kernel.access"
    label = "access"
    verbose_name = "权限"

    def ready(self):
        from . import actions

        actions.register()
