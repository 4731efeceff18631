"""政务舆情."""

from sunshine.kernel.features import FeatureConfig


class OpinionConfig(FeatureConfig):
    name = "sunshine.participation.opinion"
    label = "opinion"
    verbose_name = "政务舆情"
