"""The fixed lists of 重大行政决策; shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionState(models.TextChoices):
    DRAFTING = "drafting", _("拟订中")
    DECIDED = "decided", _("已决定")
    PUBLISHED = "published", _("已公布")
    WITHDRAWN = "withdrawn", _("已终止")


class StepKind(models.TextChoices):
    """The statutory procedure (重大行政决策程序暂行条例 Art. 3 ff.), in its order."""

    PARTICIPATION = "public_participation", _("公众参与")  # Arts. 14–18
    EXPERTS = "expert_review", _("专家论证")  # Arts. 19–21
    RISK = "risk_assessment", _("风险评估")  # Arts. 22–24
    LEGALITY = "legality_review", _("合法性审查")  # Arts. 25–28
    COLLECTIVE = "collective_decision", _("集体讨论决定")  # Arts. 29–30


STEP_ORDER = tuple(StepKind.values)


class StepState(models.TextChoices):
    PENDING = "pending", _("待办理")
    IN_REVIEW = "in_review", _("审查中")  # 合法性审查 sent to the legal office
    DONE = "done", _("已完成")
    NOT_PASSED = "not_passed", _("未通过")  # 合法性审查: 不合法 (Art. 28: revise, send again)


class RiskLevel(models.TextChoices):
    # The level of risk the report finds (Art. 23 para. 2: 明确风险点; Art. 24: the decision
    # may be taken when the risk is controllable). The three levels are this platform's scale.
    LOW = "low", _("低风险")
    MEDIUM = "medium", _("中风险")
    HIGH = "high", _("高风险")


class LegalityConclusion(models.TextChoices):
    # Arts. 27–28: 合法性审查意见 — lawful, lawful after the changes it names (Art. 28: the
    # 承办单位 adjusts the draft), or not lawful (Art. 25 para. 2: not to be discussed).
    LAWFUL = "lawful", _("合法")
    LAWFUL_WITH_CHANGES = "lawful_with_changes", _("修改后合法")
    UNLAWFUL = "unlawful", _("不合法")
    # Art. 26 para. 1: materials that do not meet the requirements are sent back, or more are
    # asked for; the step waits to be sent again (no opinion yet).
    RETURNED = "returned", _("退回补充材料")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("推进中")
    BLOCKED = "blocked", _("受阻")
    DONE = "done", _("已完成")


class AdjustmentKind(models.TextChoices):
    ADD = "add", _("增补")
    CHANGE = "change", _("调整")
    REMOVE = "remove", _("移出目录")


TITLE_MAX = 200
TEXT_MAX = 20000
