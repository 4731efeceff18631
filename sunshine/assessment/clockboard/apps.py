"""公开的期限看板: every statutory clock across modules, on time or not, in public."""

from sunshine.kernel.features import FeatureConfig


class ClockboardConfig(FeatureConfig):
    name = "sunshine.assessment.clockboard"
    label = "clockboard"
    verbose_name = "期限看板"

    def ready(self):
        super().ready()
        from sunshine.kernel.deadlines import stats

        from .board import preset_periods

        # the job "deadlines.stats" stores the presets' sums: a cold board reads those
        stats.register_period_source(preset_periods)
