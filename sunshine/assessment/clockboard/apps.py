"""公开的期限看板: every statutory clock across modules, on time or not, in public."""

from sunshine.kernel.features import FeatureConfig


class ClockboardConfig(FeatureConfig):
    name = "sunshine.assessment.clockboard"
    label = "clockboard"
    verbose_name = "期限看板"
