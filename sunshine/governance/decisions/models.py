"""重大行政决策 (重大行政决策程序暂行条例, 2019): the yearly 决策事项目录, decisions with their
statutory steps, execution tasks and the 决策后评估."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    TITLE_MAX,
    AdjustmentKind,
    DecisionState,
    LegalityConclusion,
    RiskLevel,
    StepKind,
    StepState,
    TaskStatus,
)
from .workflow import DECISION_WORKFLOW

USER = settings.AUTH_USER_MODEL


class DecisionCatalog(models.Model):
    """决策事项目录: the list of major decisions a government plans for a year (Art. 3 para. 3:
    决策机关确定决策事项目录、标准，向社会公布，并根据实际情况调整)."""

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("决策机关")
    )
    year = models.PositiveIntegerField(_("年度"))
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"))

    class Meta:
        ordering = ["-year", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="decisions_catalog_year")
        ]
        verbose_name = _("决策事项目录")
        verbose_name_plural = _("决策事项目录")

    def __str__(self):
        return f"{self.agency} {self.year}"


class Decision(models.Model):
    """A major administrative decision (重大行政决策), one entry of a catalog."""

    State = DecisionState
    workflow = DECISION_WORKFLOW

    catalog = models.ForeignKey(
        DecisionCatalog,
        on_delete=models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
        verbose_name=_("决策事项目录"),
    )
    listed = models.BooleanField(_("列入目录"), default=True)  # False once moved out (adjusted)
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("决策机关")
    )
    lead_agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("承办单位")
    )
    title = models.CharField(_("决策事项"), max_length=TITLE_MAX)
    summary = models.TextField(_("事项概要"), blank=True)
    level = models.CharField(_("决策层级"), max_length=32)
    required_steps = models.JSONField(_("法定程序"), default=list)  # copied from the level
    planned_date = models.DateField(_("计划完成时间"), null=True, blank=True)
    state = models.CharField(
        _("状态"), max_length=12, choices=DecisionState.choices, default=DecisionState.DRAFTING
    )
    decision_text = models.TextField(_("决定内容"), blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    override_reason = models.TextField(_("未完成程序即决定的理由"), blank=True)
    override_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    # 解读 and the published text (Art. 32 ff.): links to the records and interpretations pages.
    record_url = models.CharField(_("决策文件链接"), max_length=500, blank=True)
    interpretation = models.TextField(_("政策解读"), blank=True)
    interpretation_url = models.CharField(_("解读链接"), max_length=500, blank=True)
    # 决策后评估 (Art. 36).
    evaluation_report = models.TextField(_("决策后评估报告"), blank=True)
    evaluated_at = models.DateTimeField(_("评估完成时间"), null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("重大行政决策")
        verbose_name_plural = _("重大行政决策")

    def __str__(self):
        return self.title


class DecisionStep(models.Model):
    """The record of one statutory step of a decision; the fields used depend on `kind`."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("程序"), max_length=24, choices=StepKind.choices)
    state = models.CharField(
        _("状态"), max_length=12, choices=StepState.choices, default=StepState.PENDING
    )
    # 公众参与 (Arts. 14–18): an 互动 consultation or a hearing (a meeting), by id: the
    # decisions module reads them through their selectors, never their models.
    consultation_id = models.PositiveIntegerField(_("征求意见"), null=True, blank=True)
    hearing_id = models.PositiveIntegerField(_("听证会/座谈会"), null=True, blank=True)
    # 专家论证 (Arts. 19–21).
    experts = models.TextField(_("论证专家"), blank=True)
    # 风险评估 (Arts. 22–24).
    risk_level = models.CharField(
        _("风险等级"), max_length=8, choices=RiskLevel.choices, blank=True
    )
    # 合法性审查 (Arts. 25–28): sent to the legal office, on its own clock.
    legal_office = models.ForeignKey(
        "orgs.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("合法性审查机构"),
    )
    requested_at = models.DateTimeField(_("送审时间"), null=True, blank=True)
    requested_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # told when the opinion is given
    conclusion = models.CharField(
        _("审查结论"), max_length=24, choices=LegalityConclusion.choices, blank=True
    )
    # 集体讨论决定 (Arts. 29–30).
    meeting_name = models.CharField(_("会议名称"), max_length=200, blank=True)
    meeting_date = models.DateField(_("会议日期"), null=True, blank=True)
    attendees = models.TextField(_("出席人员"), blank=True)
    head_spoke_last = models.BooleanField(_("行政首长最后发言"), default=False)
    dissent = models.TextField(_("不同意见"), blank=True)
    # Art. 30 para. 2: a decision the head takes against the majority of the meeting is
    # explained at the meeting; the reason is recorded.
    head_against_majority = models.BooleanField(
        _("行政首长的决定与多数人意见不一致"), default=False
    )
    head_reason = models.TextField(_("行政首长说明的理由"), blank=True)
    # Each step's written output: the experts' opinions, the risk report, the review opinion,
    # the minutes.
    report = models.TextField(_("意见或报告"), blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    completed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "kind"], name="decisions_step_kind")
        ]
        verbose_name = _("决策程序")
        verbose_name_plural = _("决策程序")

    def __str__(self):
        return f"{self.decision} · {self.get_kind_display()}"

    @property
    def is_done(self) -> bool:
        return self.state == StepState.DONE

    @property
    def agency(self):
        """The agency that acts on the step: the legal office for the review it was sent to
        (its staff record the opinion, its clock is theirs), else the deciding agency."""
        if self.kind == StepKind.LEGALITY and self.legal_office_id:
            return self.legal_office
        return self.decision.agency


class CatalogAdjustment(models.Model):
    """An adjustment of the catalog (目录调整), with its reason: kept and shown publicly."""

    catalog = models.ForeignKey(
        DecisionCatalog, on_delete=models.CASCADE, related_name="adjustments"
    )
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="adjustments")
    kind = models.CharField(_("调整类型"), max_length=8, choices=AdjustmentKind.choices)
    reason = models.TextField(_("调整理由"))
    changes = models.JSONField(_("调整内容"), default=dict)  # {field: [before, after]}
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("调整时间"))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("目录调整")
        verbose_name_plural = _("目录调整")


class ExecutionTask(models.Model):
    """执行 (Arts. 34–35): one task of carrying out a published decision, with its progress."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("任务"), max_length=TITLE_MAX)
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("执行单位")
    )
    due_date = models.DateField(_("完成时限"), null=True, blank=True)
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"), default=0)
    status = models.CharField(
        _("状态"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    evidence = models.TextField(_("佐证材料"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("执行任务")
        verbose_name_plural = _("执行任务")

    def __str__(self):
        return self.title


class ProgressReport(models.Model):
    """One progress report of a task (kept: the task shows the latest)."""

    task = models.ForeignKey(ExecutionTask, on_delete=models.CASCADE, related_name="reports")
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"))
    status = models.CharField(_("状态"), max_length=12, choices=TaskStatus.choices)
    note = models.TextField(_("进展情况"))
    evidence = models.TextField(_("佐证材料"), blank=True)
    actor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("报告时间"))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("执行进展")
        verbose_name_plural = _("执行进展")
