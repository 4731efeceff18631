"""问责."""

from sunshine.kernel.features import FeatureConfig


class AccountabilityConfig(FeatureConfig):
    name = "sunshine.governance.accountability"
    label = "accountability"
    verbose_name = "问责"
