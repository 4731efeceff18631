from sunshine.kernel.features import FeatureConfig


class MeetingsConfig(FeatureConfig):
    name = "sunshine.participation.meetings"
    label = "meetings"
    verbose_name = "会议公开"
