from sunshine.kernel.features import FeatureConfig


class InterpretationsConfig(FeatureConfig):
    name = "sunshine.disclosure.interpretations"
    label = "interpretations"
    verbose_name = "政策解读"
