"""依申请公开."""

from sunshine.kernel.features import FeatureConfig


class FoiConfig(FeatureConfig):
    name = "sunshine.disclosure.foi"
    label = "foi"
    verbose_name = "依申请公开"
