from sunshine.kernel.features import FeatureConfig


class RecordsConfig(FeatureConfig):
    name = "sunshine.disclosure.records"
    label = "records"
    verbose_name = "政府信息"
