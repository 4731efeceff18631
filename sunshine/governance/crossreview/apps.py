"""交叉互评."""

from sunshine.kernel.features import FeatureConfig


class CrossReviewConfig(FeatureConfig):
    name = "sunshine.governance.crossreview"
    label = "crossreview"
    verbose_name = "交叉互评"
