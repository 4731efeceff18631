from sunshine.kernel.features import FeatureConfig


class NotifyConfig(FeatureConfig):
    name = "sunshine.kernel.notify"
    label = "notify"
    verbose_name = "通知"
