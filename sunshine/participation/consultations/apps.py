from sunshine.kernel.features import FeatureConfig


class ConsultationsConfig(FeatureConfig):
    name = "sunshine.participation.consultations"
    label = "consultations"
    verbose_name = "征求意见"
