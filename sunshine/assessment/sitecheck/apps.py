"""网站自查 (website self-check) and the yearly 政府网站工作年度报表."""

from sunshine.kernel.features import FeatureConfig


class SitecheckConfig(FeatureConfig):
    name = "sunshine.assessment.sitecheck"
    label = "sitecheck"
    verbose_name = "网站自查"
