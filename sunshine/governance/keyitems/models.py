"""重要职权事项 (key items): the register of an agency's important power items — 重大项目,
重大审批许可, 重要行政执法事项, 大额资金使用 — and the three ways they are supervised here:
内部交叉审核 (`CrossCheck`), 专家组跟进 (`ExpertGroup`, `StageReview`) and 公众监督
(`PublicQuestion`). Basis: 广东省人民政府办公厅关于推进阳光政务建设工作的通知 (2016-12-12) 二:
"梳理重要职权事项，采用内部交叉审核、专家组跟进、“双随机”监督抽查、公众监督等多种方式，加大对
重大决策、重大项目、重大审批许可、重要行政执法事项和大额资金使用等的监管力度"."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    AMOUNT_DIGITS,
    TITLE_MAX,
    Conclusion,
    CrossCheckBasis,
    CrossCheckState,
    KeyItemKind,
    KeyItemState,
    QuestionState,
    ReviewState,
    StageState,
)
from .workflow import KEYITEM_WORKFLOW

USER = settings.AUTH_USER_MODEL


def _amount(label, **kw):
    return models.DecimalField(label, max_digits=AMOUNT_DIGITS, decimal_places=2, **kw)


class KeyItemSetting(models.Model):
    """One government's configuration (各级政府自行确定): the kinds it registers, the amount from
    which a spending is 大额, and the cross-check rule. Empty fields fall back to settings
    (`KEYITEMS_KINDS`, `KEYITEMS_LARGE_SPENDING_THRESHOLD`, `KEYITEMS_CROSSCHECK_SPENDING_OVER`)."""

    government = models.OneToOneField(
        "orgs.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("人民政府")
    )
    kinds = models.JSONField(_("登记的事项类型"), default=list, blank=True)
    large_spending_threshold = _amount(_("大额资金标准（元）"), null=True, blank=True)
    crosscheck_spending_over = _amount(
        _("超过此金额的大额资金须交叉审核（元）"), null=True, blank=True
    )
    crosscheck_kinds = models.JSONField(_("一律交叉审核的事项类型"), default=list, blank=True)
    crosscheck_agency = models.ForeignKey(
        "orgs.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("按规则交叉审核的单位"),
    )
    updated_at = models.DateTimeField(_("更新时间"))
    updated_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("重要职权事项设置")
        verbose_name_plural = _("重要职权事项设置")


class KeyItem(models.Model):
    """重要职权事项: one item of an agency's register."""

    State = KeyItemState
    Kind = KeyItemKind
    workflow = KEYITEM_WORKFLOW

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("机关")
    )
    kind = models.CharField(_("事项类型"), max_length=20, choices=KeyItemKind.choices)
    title = models.CharField(_("事项名称"), max_length=TITLE_MAX)
    summary = models.TextField(_("事项概要"), blank=True)
    responsible = models.CharField(_("责任处室及负责人"), max_length=200, blank=True)
    basis = models.TextField(_("依据"), blank=True)
    state = models.CharField(
        _("状态"), max_length=20, choices=KeyItemState.choices, default=KeyItemState.DRAFT
    )
    # 重大项目
    budget = _amount(_("总投资/预算（元）"), null=True, blank=True)
    planned_start = models.DateField(_("计划开始日期"), null=True, blank=True)
    planned_end = models.DateField(_("计划完成日期"), null=True, blank=True)
    # 大额资金使用
    amount = _amount(_("金额（元）"), null=True, blank=True)
    purpose = models.TextField(_("资金用途"), blank=True)
    # 重大审批许可: a 行政许可 item of the agency's 权力清单 (same domain group; lazy, no import)
    # and the 政务服务事项 it is handled as (by code, the service hall's key).
    power_item = models.ForeignKey(
        "powers.PowerItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("权力清单事项"),
    )
    power_item_name = models.CharField(_("权力清单事项名称"), max_length=200, blank=True)
    service_code = models.CharField(_("政务服务事项编码"), max_length=40, blank=True)
    # Publication (公众监督): the agency decides what may be published.
    is_public = models.BooleanField(_("向社会公开"), default=False)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    requires_crosscheck = models.BooleanField(_("须交叉审核"), default=False)
    created_at = models.DateTimeField(_("登记时间"))
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(_("更新时间"))
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("重要职权事项")
        verbose_name_plural = _("重要职权事项")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "state"]), models.Index(fields=["is_public"])]

    def __str__(self) -> str:
        return self.title

    @property
    def budget_text(self) -> str:
        from .validation import yuan

        return yuan(self.budget)

    @property
    def amount_text(self) -> str:
        from .validation import yuan

        return yuan(self.amount)


class Stage(models.Model):
    """阶段 of an item (a project's 前期、施工、验收; any item's steps the experts follow)."""

    item = models.ForeignKey(KeyItem, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField(_("顺序"))
    name = models.CharField(_("阶段名称"), max_length=100)
    planned_start = models.DateField(_("计划开始"), null=True, blank=True)
    planned_end = models.DateField(_("计划完成"), null=True, blank=True)
    actual_start = models.DateField(_("实际开始"), null=True, blank=True)
    actual_end = models.DateField(_("实际完成"), null=True, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=StageState.choices, default=StageState.PLANNED
    )

    class Meta:
        ordering = ["item_id", "order", "id"]
        verbose_name = _("阶段")
        verbose_name_plural = _("阶段")

    def __str__(self) -> str:
        return self.name

    @property
    def agency(self):
        return self.item.agency


class Milestone(models.Model):
    """里程碑 with its planned and actual dates."""

    item = models.ForeignKey(KeyItem, on_delete=models.CASCADE, related_name="milestones")
    stage = models.ForeignKey(
        Stage, on_delete=models.SET_NULL, null=True, blank=True, related_name="milestones"
    )
    name = models.CharField(_("里程碑"), max_length=200)
    planned_on = models.DateField(_("计划日期"))
    actual_on = models.DateField(_("实际日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["item_id", "planned_on", "id"]
        verbose_name = _("里程碑")
        verbose_name_plural = _("里程碑")

    def __str__(self) -> str:
        return self.name


class SpendingRecord(models.Model):
    """资金支出 of a project (or the payments of a large spending)."""

    item = models.ForeignKey(KeyItem, on_delete=models.CASCADE, related_name="spendings")
    spent_on = models.DateField(_("支出日期"))
    amount = _amount(_("金额（元）"))
    payee = models.CharField(_("收款单位"), max_length=200, blank=True)
    purpose = models.CharField(_("用途"), max_length=300)
    voucher = models.CharField(_("凭证号"), max_length=60, blank=True)
    recorded_at = models.DateTimeField(_("录入时间"))
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["item_id", "spent_on", "id"]
        verbose_name = _("资金支出")
        verbose_name_plural = _("资金支出")

    @property
    def amount_text(self) -> str:
        from .validation import yuan

        return yuan(self.amount)


class ApprovalStep(models.Model):
    """审批链: one approval of a large spending (经办 → 处室负责人 → 财务 → 分管领导 → 主要负责人
    / 集体研究), in order."""

    item = models.ForeignKey(KeyItem, on_delete=models.CASCADE, related_name="approvals")
    order = models.PositiveSmallIntegerField(_("顺序"))
    role = models.CharField(_("审批环节"), max_length=100)
    approver_name = models.CharField(_("审批人"), max_length=50)
    decided_on = models.DateField(_("审批日期"))
    opinion = models.CharField(_("审批意见"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("录入时间"))
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["item_id", "order", "id"]
        verbose_name = _("审批环节")
        verbose_name_plural = _("审批链")


class CrossCheck(models.Model):
    """内部交叉审核: one round of checking an item by another unit (`agency`), on the clock
    `keyitems.crosscheck`; signed off, or returned with reasons (the item is then corrected and
    submitted again: a new round)."""

    State = CrossCheckState

    item = models.ForeignKey(KeyItem, on_delete=models.CASCADE, related_name="crosschecks")
    round = models.PositiveSmallIntegerField(_("轮次"), default=1)
    agency = models.ForeignKey(
        "orgs.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核单位"),
    )
    basis = models.CharField(_("审核来源"), max_length=10, choices=CrossCheckBasis.choices)
    reason = models.CharField(_("审核要求"), max_length=300, blank=True)
    state = models.CharField(_("状态"), max_length=12, choices=CrossCheckState.choices)
    assigned_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("指派时间"))
    started_at = models.DateTimeField(_("开始审核"), null=True, blank=True)
    findings = models.TextField(_("审核意见"), blank=True)
    return_reasons = models.TextField(_("退回理由"), blank=True)
    decided_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("审核完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["item_id", "round", "id"]
        verbose_name = _("交叉审核")
        verbose_name_plural = _("交叉审核")
        indexes = [models.Index(fields=["state"])]

    def __str__(self) -> str:
        return f"{self.item} #{self.round}"


class Expert(models.Model):
    """专家库: an expert with the agencies they declared a conflict of interest with (利害关系
    申报: employer, family, business ties); such an expert is never in the group of an item of
    one of those agencies."""

    name = models.CharField(_("姓名"), max_length=50)
    specialty = models.CharField(_("专业领域"), max_length=100)
    title = models.CharField(_("职称"), max_length=50, blank=True)
    employer = models.CharField(_("工作单位"), max_length=200, blank=True)
    conflict_agencies = models.ManyToManyField(
        "orgs.Agency", blank=True, related_name="+", verbose_name=_("申报回避的机关")
    )
    is_active = models.BooleanField(_("在库"), default=True)
    created_at = models.DateTimeField(_("入库时间"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("专家")
        verbose_name_plural = _("专家库")

    def __str__(self) -> str:
        return self.name


class ExpertGroup(models.Model):
    """专家组 following one item through its stages, with its final assessment."""

    item = models.OneToOneField(KeyItem, on_delete=models.CASCADE, related_name="expert_group")
    formed_at = models.DateTimeField(_("组建时间"))
    formed_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    final_conclusion = models.CharField(
        _("最终评估结论"), max_length=10, choices=Conclusion.choices, blank=True
    )
    final_assessment = models.TextField(_("最终评估意见"), blank=True)
    assessed_at = models.DateTimeField(_("评估时间"), null=True, blank=True)
    assessed_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("专家组")
        verbose_name_plural = _("专家组")

    @property
    def agency(self):
        return self.item.agency


class ExpertMember(models.Model):
    group = models.ForeignKey(ExpertGroup, on_delete=models.CASCADE, related_name="members")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="+")
    is_leader = models.BooleanField(_("组长"), default=False)
    added_at = models.DateTimeField(_("加入时间"))

    class Meta:
        ordering = ["group_id", "-is_leader", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "expert"], name="keyitems_member_once")
        ]


class StageReview(models.Model):
    """专家组 opinion on one stage, asked for on the clock `keyitems.expert_opinion`."""

    State = ReviewState

    group = models.ForeignKey(ExpertGroup, on_delete=models.CASCADE, related_name="reviews")
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="reviews")
    state = models.CharField(
        _("状态"), max_length=10, choices=ReviewState.choices, default=ReviewState.PENDING
    )
    requested_at = models.DateTimeField(_("征求意见时间"))
    requested_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    conclusion = models.CharField(_("结论"), max_length=10, choices=Conclusion.choices, blank=True)
    opinion = models.TextField(_("专家组意见"), blank=True)
    given_at = models.DateTimeField(_("出具时间"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["group_id", "stage__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "stage"], name="keyitems_review_per_stage")
        ]

    @property
    def agency(self):
        return self.group.item.agency


class PublicQuestion(models.Model):
    """我要监督: a signed-in citizen's question on a public item, answered by the item's agency
    on the clock `keyitems.question_reply`; the answer is published with the question (masked)."""

    State = QuestionState

    item = models.ForeignKey(KeyItem, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("监督内容"))
    asked_at = models.DateTimeField(_("提出时间"))
    client_address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=QuestionState.choices, default=QuestionState.OPEN
    )
    answer = models.TextField(_("答复"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    public_text = models.TextField(_("公开的监督内容（已脱敏）"), blank=True)
    public_answer = models.TextField(_("公开的答复（已脱敏）"), blank=True)
    # Escalations from the workbench: a 督办 (kernel) or a 问责 case (accountability, kept by
    # id: that module's models are its own).
    duban_order = models.ForeignKey(
        "oversight.SupervisionOrder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("督办"),
    )
    accountability_case_id = models.PositiveBigIntegerField(_("问责案件"), null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-id"]
        verbose_name = _("公众监督")
        verbose_name_plural = _("公众监督")

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def agency(self):
        return self.item.agency

    @property
    def owner_id(self):
        return self.author_id
