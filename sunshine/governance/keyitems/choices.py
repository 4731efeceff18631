"""The fixed lists of 重要职权事项 (key items); shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyItemKind(models.TextChoices):
    """The four kinds of important power items the notice names besides 重大决策 (decisions
    module): 重大项目、重大审批许可、重要行政执法事项和大额资金使用."""

    PROJECT = "project", _("重大项目")
    APPROVAL = "approval", _("重大审批许可")
    ENFORCEMENT = "enforcement", _("重要行政执法事项")
    SPENDING = "spending", _("大额资金使用")


class KeyItemState(models.TextChoices):
    DRAFT = "draft", _("登记中")
    CHECKING = "checking", _("交叉审核中")
    RETURNED = "returned", _("退回修改")
    IN_PROGRESS = "in_progress", _("实施中")
    COMPLETED = "completed", _("已完成")


class CrossCheckState(models.TextChoices):
    UNASSIGNED = "unassigned", _("待指派审核单位")
    WAITING = "waiting", _("已指派，待事项提交")
    PENDING = "pending", _("审核中")
    SIGNED_OFF = "signed_off", _("审核通过")
    RETURNED = "returned", _("退回")


class CrossCheckBasis(models.TextChoices):
    OFFICE = "office", _("办公厅指派")
    RULE = "rule", _("按规则自动要求")


class ReviewState(models.TextChoices):
    PENDING = "pending", _("待出具意见")
    DONE = "done", _("已出具意见")


class Conclusion(models.TextChoices):
    """专家组意见 / 最终评估 conclusion."""

    SOUND = "sound", _("符合要求")
    CONCERNS = "concerns", _("基本符合，提出改进意见")
    PROBLEMS = "problems", _("存在问题，需要整改")


class QuestionState(models.TextChoices):
    OPEN = "open", _("待答复")
    ANSWERED = "answered", _("已答复")


class StageState(models.TextChoices):
    PLANNED = "planned", _("未开始")
    ACTIVE = "active", _("进行中")
    DONE = "done", _("已完成")


TITLE_MAX = 200
TEXT_MAX = 4000
QUESTION_MAX = 1000
AMOUNT_DIGITS = 16  # 元, two decimals: up to 99,999,999,999,999.99
