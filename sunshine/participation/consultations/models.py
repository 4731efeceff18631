"""征求意见: consultations on drafts (重大决策预公开) and the public's comments. Written only by
services.py / comment_services.py."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.workcalendar.calendar import days_between

from .choices import Adoption, CommentState, ConsultationState, ModerationMode
from .workflow import CONSULTATION_WORKFLOW


class Consultation(models.Model):
    """征求意见: a draft put to the public by an agency for a period. The draft text is split
    into addressable clauses (`ConsultationClause`); the 起草说明 explains it; basis documents
    are attachments (kernel files) and links (`ConsultationBasisLink`). A 重大行政决策 needs a
    period of at least decision.comment_period (30) calendar days unless an approver recorded
    a reason for a shorter one (`short_period_*`)."""

    workflow = CONSULTATION_WORKFLOW
    State = ConsultationState

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("征求意见机关")
    )
    title = models.CharField(_("标题"), max_length=200)
    summary = models.CharField(_("内容简介"), max_length=500, blank=True)
    draft_text = models.TextField(_("征求意见稿"))
    explanation = models.TextField(_("起草说明"), blank=True)
    is_major_decision = models.BooleanField(_("重大行政决策"), default=False)
    moderation_mode = models.CharField(
        _("审核方式"), max_length=4, choices=ModerationMode.choices, default=ModerationMode.POST
    )
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("截止日期"))
    # The approver's reason for a major decision's period shorter than the rule (audited).
    short_period_reason = models.TextField(_("缩短征求期限的理由"), blank=True)
    short_period_days = models.PositiveIntegerField(_("批准的征求天数"), null=True, blank=True)
    short_period_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("批准人"),
    )
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)
    state = models.CharField(
        _("状态"),
        max_length=20,
        choices=ConsultationState.choices,
        default=ConsultationState.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    opened_at = models.DateTimeField(_("开始征求时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    feedback_report = models.TextField(_("采纳情况说明"), blank=True)
    feedback_published_at = models.DateTimeField(_("反馈发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("起草人"),
    )
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    attachments = GenericRelation("files.Attachment")

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["state", "start_date"]),
            models.Index(fields=["agency", "state"]),
        ]
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")

    def __str__(self):
        return self.title

    @property
    def period_days(self) -> int:
        """Calendar days of the period counted from the day after publication (期间开始的日不计算
        在内, rules.md §5): open 11-01 and close at the end of 12-01 is 30 days."""
        return days_between(self.start_date, self.end_date)

    @property
    def is_public(self) -> bool:
        return self.state != ConsultationState.DRAFT


class ConsultationClause(models.Model):
    """One addressable part of the draft: an article (第十二条) under its chapter (第二章 ...),
    or a paragraph when the draft has no articles. `position` (1, 2, ...) is its address."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("征求意见")
    )
    position = models.PositiveIntegerField(_("序号"))
    label = models.CharField(_("条目"), max_length=40)  # 第十二条 / 第3段 / 序言
    chapter = models.CharField(_("所在章节"), max_length=200, blank=True)
    text = models.TextField(_("内容"))

    class Meta:
        ordering = ["consultation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "position"], name="consultations_clause_position"
            )
        ]
        verbose_name = _("条款")
        verbose_name_plural = _("条款")

    def __str__(self):
        return self.label

    @property
    def anchor(self) -> str:
        return f"clause-{self.position}"


class ConsultationBasisLink(models.Model):
    """A basis document given as a link: a published record of the platform or a law
    elsewhere (files are attachments of the consultation)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="basis_links"
    )
    position = models.PositiveIntegerField(_("顺序"), default=0)
    title = models.CharField(_("名称"), max_length=300)
    url = models.CharField(_("链接"), max_length=500)
    record = models.ForeignKey(
        "records.DisclosureRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("政府信息"),
    )

    class Meta:
        ordering = ["consultation", "position", "id"]
        verbose_name = _("起草依据")
        verbose_name_plural = _("起草依据")

    def __str__(self):
        return self.title


class ConsultationComment(models.Model):
    """A comment of a signed-in citizen or enterprise on the whole draft (`clause` None) or
    on one clause. Shown under the author's name or as 匿名; pre-moderated comments wait as
    `pending`; a hidden comment's reason is shown to its author only."""

    State = CommentState
    Adoption = Adoption

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="comments", verbose_name=_("征求意见")
    )
    clause = models.ForeignKey(
        ConsultationClause,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("针对条款"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("提出人"),
    )
    author_name = models.CharField(_("署名"), max_length=100, blank=True)  # as shown publicly
    is_anonymous = models.BooleanField(_("匿名发表"), default=False)
    body = models.TextField(_("意见内容"))
    state = models.CharField(_("状态"), max_length=8, choices=CommentState.choices, db_index=True)
    hide_reason = models.CharField(_("未公开原因"), max_length=300, blank=True)
    moderation = models.JSONField(_("自动检查结果"), default=dict, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("审核人"),
    )
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    group_label = models.CharField(_("归类"), max_length=100, blank=True, db_index=True)
    adoption = models.CharField(
        _("采纳情况"), max_length=16, choices=Adoption.choices, blank=True, db_index=True
    )
    adoption_reason = models.TextField(_("采纳情况说明"), blank=True)
    adoption_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("办理人"),
    )
    adoption_at = models.DateTimeField(_("办理时间"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), db_index=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [
            models.Index(fields=["consultation", "state", "submitted_at"]),
            models.Index(fields=["consultation", "clause"]),
        ]
        verbose_name = _("意见")
        verbose_name_plural = _("意见")

    def __str__(self):
        return self.body[:40]

    @property
    def owner_id(self):  # OWNER in the access policy: the author
        return self.author_id

    @property
    def agency(self):
        return self.consultation.agency

    @property
    def public_name(self) -> str:
        return str(_("匿名")) if self.is_anonymous else (self.author_name or str(_("网友")))
