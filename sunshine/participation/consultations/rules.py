"""The deadline rules of 征求意见, declared here and listed in the feature
manifest; a province overrides the numbers in settings.DEADLINE_RULES."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import DAYS, rule

PERIOD, FEEDBACK = "decision.comment_period", "consultation.feedback"


RULES = (
    # 重大行政决策程序暂行条例: a comment period of at least 30 days (calendar).
    rule(PERIOD, unit=DAYS, length=30, label=_("征求意见期"), basis="重大行政决策程序暂行条例"),
    # 采纳情况说明: published within 20 working days of the close (our default; rules.md §5 asks
    # to "explain how comments were used" without a number).
    rule(
        FEEDBACK,
        length=20,
        label=_("征求意见采纳情况说明"),
        basis="重大行政决策程序暂行条例（公众参与）；期限为本平台默认值",
    ),
)
