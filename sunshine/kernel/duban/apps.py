from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "sunshine.kernel.duban"
    label = "oversight"
    verbose_name = "督办"

    def ready(self):
        from . import permissions, rules

        permissions.register()
        # 督办 response: 3 wd by default (settings.DEADLINE_RULES["oversight.response"]).
        rules.register()
