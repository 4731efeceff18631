"""我为政府网站找错: the public error reports about the portal's pages."""

from sunshine.kernel.features import FeatureConfig


class ErrorReportsConfig(FeatureConfig):
    name = "sunshine.assessment.errorreports"
    label = "errorreports"
    verbose_name = "我为政府网站找错"
