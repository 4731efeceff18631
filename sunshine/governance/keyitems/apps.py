"""重要职权事项."""

from sunshine.kernel.features import FeatureConfig


class KeyItemsConfig(FeatureConfig):
    name = "sunshine.governance.keyitems"
    label = "keyitems"
    verbose_name = "重要职权事项"
