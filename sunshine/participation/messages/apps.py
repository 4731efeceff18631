from sunshine.kernel.features import FeatureConfig


class CitizenMessagesConfig(FeatureConfig):
    name = "sunshine.participation.messages"
    label = "citizen_messages"
    verbose_name = "网民留言"
