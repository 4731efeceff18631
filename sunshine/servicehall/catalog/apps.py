from sunshine.kernel.features import FeatureConfig


class ServiceCatalogConfig(FeatureConfig):
    name = "sunshine.servicehall.catalog"
    label = "service_catalog"
    verbose_name = "政务服务事项"
