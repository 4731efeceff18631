from sunshine.kernel.features import FeatureConfig


class SearchConfig(FeatureConfig):
    name = "sunshine.kernel.search"
    label = "search"
    verbose_name = "全文检索"
