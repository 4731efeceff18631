"""The step time limits of an application (rules.md §6: each step has its own limit; 补正
pauses the clock). Lengths are defaults a province overrides in settings.DEADLINE_RULES."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import rule

ACCEPT, REVIEW, DECIDE, DELIVER, TOTAL = (
    "service.accept",
    "service.review",
    "service.decide",
    "service.deliver",
    "service.total",
)
# The clock that runs while an application is in a state (workflow.py).
STEP_CLOCKS = {
    "submitted": ACCEPT,
    "accepted": REVIEW,
    "reviewing": DECIDE,
    "completed": DELIVER,
}
TOTAL_DEFAULT_WD = 20


RULES = (
    # 行政许可法 Art. 32: decide on acceptance at once or within 5 days; the hall promises 2 wd.
    rule(ACCEPT, length=2, label=_("办件受理"), basis="行政许可法第三十二条"),
    rule(REVIEW, length=5, label=_("办件审查")),
    rule(DECIDE, length=3, label=_("办件决定")),
    # 行政许可法 Art. 44: the licence is issued / delivered within 10 days of the decision.
    rule(DELIVER, length=3, label=_("办件送达"), basis="行政许可法第四十四条"),
    # 承诺时限: each clock is started with its item's promised_days (clocks.start_total); this
    # length is only the fallback for an item without one.
    rule(TOTAL, length=TOTAL_DEFAULT_WD, label=_("承诺办结时限")),
)
