from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "sunshine.participation.consultations"
    label = "consultations"
    verbose_name = "征求意见"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from sunshine.kernel.deadlines.rules import register_rule
        from sunshine.kernel.jobs.schedule import register_periodic

        from . import indexing, permissions

        permissions.register()
        indexing.register()
        # 采纳情况说明: published within 20 working days of the close (our default; rules.md
        # §5 asks to "explain how comments were used" without a number; DEADLINE_RULES
        # overrides it per province).
        register_rule(
            "consultation.feedback",
            length=20,
            label=_("征求意见采纳情况说明"),
            basis="重大行政决策程序暂行条例（公众参与）；期限为本平台默认值",
        )
        # Open consultations whose period has started, close those whose period has ended.
        register_periodic(
            "consultations.sync_states",
            "sunshine.participation.consultations.tasks.sync_states",
            "*/15 * * * *",
        )
