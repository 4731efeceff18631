"""The deadline rule of 交叉互评, listed in the feature manifest. No law fixes the time a
reviewer has; 10 working days from the start of the round is this platform's default. A province
changes it in settings.DEADLINE_RULES ({"crossreview.submit": {"length": 15}}), a round with
its own 评分期限 (ReviewRound.submit_days)."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import WD, rule

SUBMIT = "crossreview.submit"

RULES = (
    rule(
        SUBMIT,
        WD,
        10,
        label=_("交叉互评评分"),
        basis="政府信息公开条例第四十六条（考核、评议）；期限为本平台默认值",
    ),
)
