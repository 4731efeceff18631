from sunshine.kernel.features import FeatureConfig


class ServiceApplicationsConfig(FeatureConfig):
    name = "sunshine.servicehall.applications"
    label = "service_applications"
    verbose_name = "办件"
