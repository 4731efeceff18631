"""考核 scores."""

from sunshine.kernel.features import FeatureConfig


class ScoresConfig(FeatureConfig):
    name = "sunshine.assessment.scores"
    label = "scores"
    verbose_name = "政务公开考核"
