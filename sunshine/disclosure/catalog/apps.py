from sunshine.kernel.features import FeatureConfig


class CatalogConfig(FeatureConfig):
    name = "sunshine.disclosure.catalog"
    label = "catalog"
    verbose_name = "主动公开基本目录"
