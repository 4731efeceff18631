"""The five levels of 好差评 (rules.md §6) and the states of a 差评整改 case."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RatingLevel(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("非常满意")
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")
    VERY_DISSATISFIED = "very_dissatisfied", _("非常不满意")


# 差评: the last two levels. Plain strings, so that `level in BAD_LEVELS` works for members too.
BAD_LEVELS = frozenset({RatingLevel.DISSATISFIED.value, RatingLevel.VERY_DISSATISFIED.value})
GOOD_LEVELS = frozenset(set(RatingLevel.values) - BAD_LEVELS)

# Shown from best to worst everywhere (forms, tables).
LEVEL_ORDER = [level.value for level in RatingLevel]


class CaseState(models.TextChoices):
    OPEN = "open", _("待回访")
    CALLED_BACK = "called_back", _("已回访")
    VERIFIED = "verified", _("已核实，整改中")
    RECTIFIED = "rectified", _("已整改")
    PUBLISHED = "published", _("已公示")
    CLOSED_UNFOUNDED = "closed_unfounded", _("经核实不属实，已办结")


OPEN_CASE_STATES = (CaseState.OPEN, CaseState.CALLED_BACK, CaseState.VERIFIED)
