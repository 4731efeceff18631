from sunshine.kernel.features import FeatureConfig


class DeadlinesConfig(FeatureConfig):
    name = "sunshine.kernel.deadlines"
    label = "deadlines"
    verbose_name = "期限"
