"""重大行政决策."""

from sunshine.kernel.features import FeatureConfig


class DecisionsConfig(FeatureConfig):
    name = "sunshine.governance.decisions"
    label = "decisions"
    verbose_name = "重大行政决策"
