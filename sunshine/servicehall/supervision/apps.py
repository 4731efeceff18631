from sunshine.kernel.features import FeatureConfig


class ServiceSupervisionConfig(FeatureConfig):
    name = "sunshine.servicehall.supervision"
    label = "service_supervision"
    verbose_name = "电子监察"
