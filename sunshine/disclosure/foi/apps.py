"""依申请公开."""

from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "sunshine.disclosure.foi"
    label = "foi"
    verbose_name = "依申请公开"

    def ready(self):
        from sunshine.kernel.jobs.schedule import register_periodic

        from . import permissions

        # The clocks foi.reply (20 wd, one extension ≤ 20 wd), foi.correction_notice (7 wd),
        # foi.third_party (15 wd) and foi.payment (20 wd) are kernel rules (rules.py).
        permissions.register()
        register_periodic(
            "foi.third_party_lapse",
            "sunshine.disclosure.foi.tasks.lapse_silent_consultations_task",
            cron="*/5 * * * *",
        )
