from sunshine.kernel.features import FeatureConfig


class RatingsConfig(FeatureConfig):
    name = "sunshine.kernel.ratings"
    label = "ratings"
    verbose_name = "好差评"
