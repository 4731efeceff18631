"""数据开放."""

from sunshine.kernel.features import FeatureConfig


class DatasetsConfig(FeatureConfig):
    name = "sunshine.opendata.datasets"
    label = "datasets"
    verbose_name = "数据开放"
