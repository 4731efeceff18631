"""The deadline rules of 重大行政决策, listed in the feature manifest; a province overrides the
numbers in settings.DEADLINE_RULES (e.g. {"decision.legality_review": {"length": 10}})."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import DAYS, WD, rule

LEGALITY_REVIEW, EVALUATION = "decision.legality_review", "decision.evaluation"

RULES = (
    # 重大行政决策程序暂行条例 Art. 26: 送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日.
    # The legal office's own clock, from the day after the request.
    rule(
        LEGALITY_REVIEW,
        unit=WD,
        length=7,
        label=_("合法性审查"),
        basis="重大行政决策程序暂行条例第二十六条",
    ),
    # Art. 36: 决策后评估 — the Regulation names no period; one year after publication is our
    # default (configurable).
    rule(
        EVALUATION,
        unit=DAYS,
        length=365,
        label=_("决策后评估"),
        basis="重大行政决策程序暂行条例第三十六条；期限为本平台默认值",
    ),
)
