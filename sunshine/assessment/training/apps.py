"""政务公开培训: courses, sessions, attendance per person, 3-year coverage per agency."""

from sunshine.kernel.features import FeatureConfig


class TrainingConfig(FeatureConfig):
    name = "sunshine.assessment.training"
    label = "training"
    verbose_name = "政务公开培训"
