"""依申请公开."""

from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "sunshine.disclosure.foi"
    label = "foi"
    verbose_name = "依申请公开"

    def ready(self):
        from sunshine.kernel.jobs.schedule import register_periodic

        from . import permissions, rules

        permissions.register()
        rules.register()  # foi.reply, foi.correction_notice, foi.third_party, foi.payment
        register_periodic(
            "foi.third_party_lapse",
            "sunshine.disclosure.foi.tasks.lapse_silent_consultations_task",
            cron="*/5 * * * *",
        )
