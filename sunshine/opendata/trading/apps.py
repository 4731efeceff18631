"""公共资源交易 supervision disclosure (公共资源交易监管信息公开)."""

from sunshine.kernel.features import FeatureConfig


class TradingConfig(FeatureConfig):
    name = "sunshine.opendata.trading"
    label = "trading"
    verbose_name = "公共资源交易"
