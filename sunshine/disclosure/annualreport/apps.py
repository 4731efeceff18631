"""政府信息公开工作年度报告."""

from sunshine.kernel.features import FeatureConfig


class AnnualReportConfig(FeatureConfig):
    name = "sunshine.disclosure.annualreport"
    label = "annualreport"
    verbose_name = "政府信息公开工作年度报告"
