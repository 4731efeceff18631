"""双随机、一公开 spot checks."""

from sunshine.kernel.features import FeatureConfig


class SpotChecksConfig(FeatureConfig):
    name = "sunshine.governance.spotchecks"
    label = "spotchecks"
    verbose_name = "双随机、一公开"
