"""行政执法公示 (双公示): 行政许可 and 行政处罚 decisions (`EnforcementDecision`), the 法制审核
of 重大执法决定 before the decision (`LegalReview`) and the 执法全过程记录 (`CaseRecord`, files in
the kernel's attachments). Written only by services.py.

The fields follow the national 双公示 data standard (行政许可和行政处罚等信用信息数据标准): who
the 行政相对人 is (name, kind, 统一社会信用代码, 法定代表人; a natural person's ID number is kept
for the agency and never published), the decision (文书号, 名称, 依据, 内容, date), the authority
(the agency) and, for a licence, its number and validity; for a penalty the facts, the
categories (行政处罚法 Art. 9) and the amounts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    DOC_NUMBER_MAX,
    TITLE_MAX,
    DecisionKind,
    DecisionState,
    PartyKind,
    RecordStage,
    ReviewOutcome,
)

USER = settings.AUTH_USER_MODEL


class EnforcementDecision(models.Model):
    Kind = DecisionKind
    State = DecisionState

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("决定机关")
    )
    kind = models.CharField(_("决定类别"), max_length=10, choices=DecisionKind.choices)
    state = models.CharField(
        _("状态"),
        max_length=10,
        choices=DecisionState.choices,
        default=DecisionState.DRAFT,
        db_index=True,
    )
    doc_number = models.CharField(_("决定文书号"), max_length=DOC_NUMBER_MAX)
    title = models.CharField(_("决定名称"), max_length=TITLE_MAX)
    # The 权力清单 item the decision exercises (its 事项编码 in the agency's list), optional.
    power_code = models.CharField(_("权力事项编码"), max_length=40, blank=True)
    party_name = models.CharField(_("行政相对人名称"), max_length=200)
    party_kind = models.CharField(_("行政相对人类别"), max_length=14, choices=PartyKind.choices)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    legal_rep = models.CharField(_("法定代表人"), max_length=50, blank=True)
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True)  # never published
    basis = models.TextField(_("依据"))
    content = models.TextField(_("决定内容"))
    # 行政许可
    license_number = models.CharField(_("许可证书编号"), max_length=100, blank=True)
    valid_from = models.DateField(_("有效期自"), null=True, blank=True)
    valid_to = models.DateField(_("有效期至"), null=True, blank=True)
    # 行政处罚
    facts = models.TextField(_("违法事实"), blank=True)
    penalty_categories = models.JSONField(_("处罚类别"), default=list, blank=True)
    fine_amount = models.DecimalField(
        _("罚款金额（万元）"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    confiscated_amount = models.DecimalField(
        _("没收违法所得、没收非法财物的金额（万元）"),
        max_digits=14,
        decimal_places=6,
        null=True,
        blank=True,
    )
    # 重大执法决定: a 法制审核 must approve it before it is decided (行政处罚法 Art. 58).
    is_major = models.BooleanField(_("重大执法决定"), default=False)
    review_passed = models.BooleanField(_("法制审核已通过"), default=False)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("公示时间"), null=True, blank=True, db_index=True)
    published_late = models.BooleanField(_("逾期公示"), null=True, blank=True)
    # 撤回 (行政处罚法 Art. 48 para. 2): changed, revoked, confirmed unlawful or void.
    revoked_on = models.DateField(_("决定被变更或撤销的日期"), null=True, blank=True)
    withdraw_reason = models.TextField(_("撤回理由"), blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("行政执法决定")
        verbose_name_plural = _("行政执法决定")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "doc_number"], name="enforcement_doc_number"
            )
        ]
        indexes = [models.Index(fields=["state", "kind", "published_at"])]

    def __str__(self) -> str:
        return f"{self.doc_number} {self.title}"


class LegalReview(models.Model):
    """法制审核 of a 重大执法决定: requested by the handling unit, answered by the legal office
    on its clock (`enforcement.legal_review`)."""

    decision = models.ForeignKey(
        EnforcementDecision, on_delete=models.CASCADE, related_name="reviews"
    )
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("送审时间"))
    note = models.TextField(_("送审说明"), blank=True)
    outcome = models.CharField(
        _("审核结果"), max_length=10, choices=ReviewOutcome.choices, blank=True
    )
    opinion = models.TextField(_("审核意见"), blank=True)
    reviewed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        ordering = ["decision_id", "pk"]
        verbose_name = _("法制审核")
        verbose_name_plural = _("法制审核")

    @property
    def agency(self):
        return self.decision.agency


class CaseRecord(models.Model):
    """执法全过程记录: one record of a stage (text; files attached to it with the kernel's
    attachments). Internal: never published."""

    decision = models.ForeignKey(
        EnforcementDecision, on_delete=models.CASCADE, related_name="records"
    )
    stage = models.CharField(_("环节"), max_length=14, choices=RecordStage.choices)
    text = models.TextField(_("记录内容"))
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"))

    class Meta:
        ordering = ["decision_id", "recorded_at", "pk"]
        verbose_name = _("执法全过程记录")
        verbose_name_plural = _("执法全过程记录")

    @property
    def agency(self):
        return self.decision.agency
