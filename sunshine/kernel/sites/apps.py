from sunshine.kernel.features import FeatureConfig


class SitesConfig(FeatureConfig):
    name = "sunshine.kernel.sites"
    label = "sites_cluster"
    verbose_name = "网站集群"
