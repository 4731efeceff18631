"""留言热点与统计."""

from sunshine.kernel.features import FeatureConfig


class MessageTopicsConfig(FeatureConfig):
    name = "sunshine.participation.messagetopics"
    label = "message_topics"
    verbose_name = "留言热点与统计"
