from sunshine.kernel.features import FeatureConfig


class OversightConfig(FeatureConfig):
    name = "sunshine.kernel.duban"
    label = "oversight"
    verbose_name = "督办"
