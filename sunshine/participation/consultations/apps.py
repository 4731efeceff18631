from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "sunshine.participation.consultations"
    label = "consultations"
    verbose_name = "征求意见"

    def ready(self):

        from sunshine.kernel.jobs.schedule import register_periodic

        from . import indexing, permissions, rules

        permissions.register()
        indexing.register()
        rules.register()
        # Open consultations whose period has started, close those whose period has ended.
        register_periodic(
            "consultations.sync_states",
            "sunshine.participation.consultations.tasks.sync_states",
            "*/15 * * * *",
        )
