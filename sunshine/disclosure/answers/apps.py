"""公开答复库: replies to 依申请公开 requests published, with consent, without personal data."""

from sunshine.kernel.features import FeatureConfig


class AnswersConfig(FeatureConfig):
    name = "sunshine.disclosure.answers"
    label = "foi_answers"
    verbose_name = "公开答复库"
