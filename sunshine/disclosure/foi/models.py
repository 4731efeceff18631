"""依申请公开: applications for government information (`InfoRequest`), their 补正 notices,
third-party consultations, and the later 行政复议 / 行政诉讼 cases. Written only by the services
(services.py, replies.py, remedies.py); the clocks (foi.reply, foi.correction_notice,
foi.third_party, foi.payment) live in the kernel's deadline engine."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import (
    ApplicantType,
    CaseResult,
    Channel,
    ConsultationOpinion,
    DeliveryForm,
    DeliveryMethod,
    FeeMethod,
    LawsuitKind,
    Outcome,
    RequestState,
    outcome_full_label,
)


class InfoRequest(models.Model):
    """依申请公开申请: one application to one agency (条例 Art. 29), from a natural person or
    an organisation (the columns of the annual report's table three)."""

    State = RequestState

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("受理机关")
    )
    number = models.CharField(_("申请编号"), max_length=40, unique=True)
    # The account that applied online (None for letters and counter applications).
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("申请账号"),
    )
    applicant_type = models.CharField(
        _("申请人类型"), max_length=20, choices=ApplicantType.choices, db_index=True
    )
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=100)
    id_number = models.CharField(_("身份证件号码"), max_length=18, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=60, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    channel = models.CharField(_("申请渠道"), max_length=12, choices=Channel.choices)
    received_on = models.DateField(_("收到申请日期"), db_index=True)
    description = models.TextField(_("所需政府信息的名称、文号或者便于查询的其他特征性描述"))
    delivery_form = models.CharField(
        _("获取信息的方式"), max_length=12, choices=DeliveryForm.choices
    )
    items_this_month = models.PositiveIntegerField(
        _("本月第几件申请"), default=1, help_text=_("同一申请人当月向本机关提出的第几件申请")
    )
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=RequestState.choices,
        default=RequestState.RECEIVED,
        db_index=True,
    )
    # 延期 (条例 Art. 33)
    extension_days = models.PositiveSmallIntegerField(_("延长工作日"), default=0)
    extension_reason = models.CharField(_("延期理由"), max_length=300, blank=True)
    extension_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("延期批准人"),
    )
    # 信息处理费 (国办函〔2020〕109号)
    fee_method = models.CharField(
        _("收费方式"), max_length=10, choices=FeeMethod.choices, blank=True
    )
    fee_pages = models.PositiveIntegerField(_("页数"), default=0)
    fee_amount = models.PositiveIntegerField(_("收费金额（元）"), default=0)
    fee_notified_on = models.DateField(_("收费通知日期"), null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    # 国办函〔2020〕109号 Art. 7: the 20 wd to pay run from the day the applicant receives the
    # notice (the notice day for online applicants; recorded by the office for a letter).
    fee_notice_received_on = models.DateField(_("收费通知送达日期"), null=True, blank=True)
    # 答复 (条例 Art. 36)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=Outcome.choices, blank=True)
    reply_text = models.TextField(_("答复理由和说明"), blank=True)
    # 条例 Art. 36(五): the agency responsible for disclosing the information, named in the reply.
    referred_agency = models.ForeignKey(
        "orgs.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("负责公开的机关"),
    )
    referred_agency_name = models.CharField(_("负责公开的机关名称"), max_length=100, blank=True)
    referred_agency_contact = models.CharField(
        _("负责公开的机关联系方式"), max_length=200, blank=True
    )
    # Asked on the form, default no: the reply and released files may be published, without
    # personal data, in the 公开答复库.
    publish_consent = models.BooleanField(_("同意在去除个人信息后公开答复"), default=False)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True, db_index=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("答复人"),
    )
    letter_pdf = models.FileField(_("告知书（PDF）"), upload_to="foi/letters/", blank=True)
    letter_docx = models.FileField(_("告知书（DOCX）"), upload_to="foi/letters/", blank=True)
    # 送达
    delivery_method = models.CharField(
        _("送达方式"), max_length=12, choices=DeliveryMethod.choices, blank=True
    )
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    delivery_proof = models.CharField(_("送达凭证"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("登记时间"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    clocks = GenericRelation("deadlines.Clock")

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["agency", "replied_on"]),
            models.Index(fields=["agency", "state"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(replied_on__isnull=True) | ~models.Q(outcome=""),
                name="foi_reply_has_outcome",
            ),
        ]
        verbose_name = _("依申请公开申请")
        verbose_name_plural = _("依申请公开申请")

    def __str__(self):
        return f"{self.number} {self.applicant_name}"

    @property
    def owner_id(self):
        """The access policy's OWNER rule: the account that applied."""
        return self.applicant_id

    @property
    def is_open(self) -> bool:
        return self.replied_on is None

    @property
    def outcome_label(self) -> str:
        return outcome_full_label(self.outcome) if self.outcome else ""

    @property
    def identity_number(self) -> str:
        return self.id_number or self.credit_code


class Correction(models.Model):
    """补正: the one notice (条例 Art. 30) naming everything missing, and the supplement."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="corrections")
    items = models.TextField(_("需要补正的事项"))
    notified_on = models.DateField(_("告知日期"))
    answer_by = models.DateField(_("补正期限"))
    supplied_on = models.DateField(_("补正日期"), null=True, blank=True)
    supplied_text = models.TextField(_("补正内容"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["notified_on", "id"]
        verbose_name = _("补正告知")
        verbose_name_plural = _("补正告知")

    @property
    def agency(self):
        return self.request.agency


class ThirdPartyConsultation(models.Model):
    """征求第三方意见 (条例 Art. 32): the third party has 15 wd (rule foi.third_party)."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="consultations")
    third_party = models.CharField(_("第三方名称"), max_length=100)
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)
    sent_on = models.DateField(_("征求意见日期"))
    replied_on = models.DateField(_("第三方答复日期"), null=True, blank=True)
    opinion = models.CharField(
        _("第三方意见"),
        max_length=10,
        choices=ConsultationOpinion.choices,
        default=ConsultationOpinion.PENDING,
    )
    note = models.TextField(_("说明"), blank=True)
    # The 15 wd ran out without an answer: the pause ended by itself (条例 Art. 32).
    lapsed = models.BooleanField(_("期满未答复"), default=False)
    clocks = GenericRelation("deadlines.Clock")

    class Meta:
        ordering = ["sent_on", "id"]
        verbose_name = _("第三方意见")
        verbose_name_plural = _("第三方意见")

    def __str__(self):
        return f"{self.request.number} · {self.third_party}"

    @property
    def agency(self):
        return self.request.agency


class _Case(models.Model):
    request = models.ForeignKey(InfoRequest, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    filed_on = models.DateField(_("立案日期"), db_index=True)
    result = models.CharField(
        _("结果"), max_length=10, choices=CaseResult.choices, default=CaseResult.PENDING
    )
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    case_number = models.CharField(_("案号"), max_length=60, blank=True)
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("登记时间"))

    class Meta:
        abstract = True
        ordering = ["-filed_on", "-id"]


class ReviewCase(_Case):
    """行政复议 about an application (table four, first block)."""

    review_body = models.CharField(_("复议机关"), max_length=100)

    class Meta(_Case.Meta):
        verbose_name = _("行政复议")
        verbose_name_plural = _("行政复议")

    def __str__(self):
        return f"{self.request.number} · {self.review_body}"


class Lawsuit(_Case):
    """行政诉讼 about an application: 未经复议直接起诉 or 复议后起诉 (table four)."""

    kind = models.CharField(_("起诉方式"), max_length=12, choices=LawsuitKind.choices)
    court = models.CharField(_("受理法院"), max_length=100)

    class Meta(_Case.Meta):
        verbose_name = _("行政诉讼")
        verbose_name_plural = _("行政诉讼")

    def __str__(self):
        return f"{self.request.number} · {self.court}"
