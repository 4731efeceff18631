"""行政执法公示 (双公示)."""

from sunshine.kernel.features import FeatureConfig


class EnforcementConfig(FeatureConfig):
    name = "sunshine.governance.enforcement"
    label = "enforcement"
    verbose_name = "行政执法公示"
