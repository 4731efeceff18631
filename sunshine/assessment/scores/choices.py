"""Enums and limits of 政务公开考核 (shells read them from here, never from models)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

# The seed notice (2016-12-12): 政务公开工作纳入政府绩效考核，分值权重不低于 4%.
MIN_DISCLOSURE_SHARE = Decimal("4")
TOTAL_WEIGHT = Decimal("100")
NAME_MAX = 100
TITLE_MAX = 200
CODE_MAX = 60
MAX_INDICATORS = 40


class FormulaKind(models.TextChoices):
    # value is a rate 0..1 or a score 0..100: points = weight × value (normalised to 0..1)
    PROPORTIONAL = "proportional", _("按比例得分")
    # full points at or above the target; below it, weight × value / target
    TARGET = "target", _("达标得分")
    # value is a count of findings: points = weight − per_item × count, never below 0
    DEDUCTION = "deduction", _("扣分制")


class ValueKind(models.TextChoices):
    RATE = "rate", _("比率")
    SCORE = "score", _("百分制分数")
    COUNT = "count", _("问题数")


# Which formula kinds fit which kind of value.
FORMULAS_FOR = {
    ValueKind.RATE: (FormulaKind.PROPORTIONAL, FormulaKind.TARGET),
    ValueKind.SCORE: (FormulaKind.PROPORTIONAL, FormulaKind.TARGET),
    ValueKind.COUNT: (FormulaKind.DEDUCTION,),
}


class RunState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("计算中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")
