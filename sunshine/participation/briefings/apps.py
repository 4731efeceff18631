from sunshine.kernel.features import FeatureConfig


class BriefingsConfig(FeatureConfig):
    name = "sunshine.participation.briefings"
    label = "briefings"
    verbose_name = "新闻发布会与访谈"
