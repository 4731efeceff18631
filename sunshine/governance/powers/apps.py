"""权力清单和责任清单."""

from sunshine.kernel.features import FeatureConfig


class PowersConfig(FeatureConfig):
    name = "sunshine.governance.powers"
    label = "powers"
    verbose_name = "权力清单和责任清单"
