"""The 国办 checklist score of one crawl (国办秘函〔2019〕19号 附件1; docs/sitecheck.md).

Part one (单项否决): any veto finding makes the site 不合格 whatever the points. Part two (扣分
指标, 100 points): the machine-checkable indicators below, each finding costing its `points`,
the sum per indicator capped at the indicator's weight ("各指标扣分总和不超过该指标分值").
Below 60 the site is 不合格 too. Part three (加分指标) needs a person's judgement and is left
to the reviewers."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .choices import Check, Severity

# indicator: (label, weight, checks that cost points under it)
INDICATORS = {
    "availability": (
        _("网站可用性"),
        Decimal("15"),
        (Check.PAGE_FAILED, Check.BROKEN_LINK),
    ),
    "updates": (_("信息更新情况"), Decimal("25"), (Check.COLUMN_STALE, Check.COLUMN_BLANK)),
    "service": (_("服务实用情况"), Decimal("15"), (Check.GUIDE,)),
    "metadata": (_("页面元数据"), Decimal("10"), (Check.METADATA,)),
    "design": (
        _("功能设计情况"),
        Decimal("20"),
        (Check.FOOTER, Check.ELDER_MODE, Check.ERROR_REPORT),
    ),
}
# The points of part two that this crawl cannot judge (互动回应情况 15 points: the quality of
# answers, 在线访谈): counted as full marks, so the score is the maximum the site can have.
UNJUDGED = Decimal("15")
PASS_MARK = Decimal("60")


def score(findings) -> dict:
    """{"score", "vetoed", "verdict", "indicators": [{key, label, weight, lost}]}."""
    vetoed = any(f.severity == Severity.VETO for f in findings)
    rows, total_lost = [], Decimal("0")
    for key, (label, weight, checks) in INDICATORS.items():
        lost = sum(
            (
                Decimal(str(f.points))
                for f in findings
                if f.item in checks and f.severity != Severity.VETO
            ),
            Decimal("0"),
        )
        lost = min(lost, weight)
        total_lost += lost
        rows.append({"key": key, "label": str(label), "weight": str(weight), "lost": str(lost)})
    value = Decimal("100") - total_lost
    verdict = "fail" if vetoed or value < PASS_MARK else "pass"
    return {"score": value, "vetoed": vetoed, "verdict": verdict, "indicators": rows}
