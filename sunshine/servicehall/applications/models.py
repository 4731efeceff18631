"""办件 (ServiceApplication): one online application for a service item, its steps (the
workflow's TransitionLog is the history), its clocks (kernel/deadlines) and the materials the
applicant handed in (SubmittedMaterial → kernel/files attachments). Written only by
services.py."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ApplicantKind, ApplicationState, Decision, DeliveryMethod
from .workflow import APPLICATION_WORKFLOW


class ServiceApplication(models.Model):
    """办件 / 申办. `state` is the last step done (choices.ApplicationState)."""

    workflow = APPLICATION_WORKFLOW
    State = ApplicationState

    number = models.CharField(_("办件编号"), max_length=40, unique=True)
    item = models.ForeignKey(
        "service_catalog.ServiceItem",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("事项"),
    )
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("办理机关")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="service_applications",
        verbose_name=_("申请人账号"),
    )
    applicant_kind = models.CharField(_("申请人类型"), max_length=12, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("申请人名称"), max_length=200)
    contact_phone = models.CharField(_("联系电话"), max_length=30)
    form_data = models.JSONField(_("申请表内容"), default=dict, blank=True)
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=ApplicationState.choices,
        default=ApplicationState.SUBMITTED,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("申请时间"), db_index=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    rejected_at = models.DateTimeField(_("不予受理时间"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("审查时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    completed_at = models.DateTimeField(_("办结时间"), null=True, blank=True, db_index=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    correction_count = models.PositiveSmallIntegerField(_("补正次数"), default=0)
    correction_items = models.JSONField(_("待补正内容"), default=list, blank=True)
    reject_reason = models.TextField(_("不予受理理由"), blank=True)
    review_opinion = models.TextField(_("审查意见"), blank=True)
    decision = models.CharField(_("决定结果"), max_length=12, choices=Decision.choices, blank=True)
    decision_text = models.TextField(_("决定内容"), blank=True)
    delivery_method = models.CharField(
        _("送达方式"), max_length=12, choices=DeliveryMethod.choices, blank=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("承办人"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    attachments = GenericRelation("files.Attachment")

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "state", "submitted_at"]),
            models.Index(fields=["applicant", "submitted_at"]),
            models.Index(fields=["item", "state"]),
            models.Index(fields=["assignee", "state"]),
        ]
        verbose_name = _("办件")
        verbose_name_plural = _("办件")

    def __str__(self):
        return f"{self.number} {self.applicant_name}"

    @property
    def owner_id(self):
        """The applicant: access.policy's OWNER (sees and completes only their own 办件)."""
        return self.applicant_id

    @property
    def finished_at(self):
        return self.completed_at or self.rejected_at


class SubmittedMaterial(models.Model):
    """A file the applicant handed in for one material of the guide (or "other"), in the
    round `round` (0 = the application, 1.. = each 补正)."""

    application = models.ForeignKey(
        ServiceApplication,
        on_delete=models.CASCADE,
        related_name="submitted_materials",
        verbose_name=_("办件"),
    )
    material = models.ForeignKey(
        "service_catalog.ServiceMaterial",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("材料"),
    )
    attachment = models.ForeignKey(
        "files.Attachment", on_delete=models.PROTECT, related_name="+", verbose_name=_("文件")
    )
    round = models.PositiveSmallIntegerField(_("提交轮次"), default=0)
    submitted_at = models.DateTimeField(_("提交时间"))

    class Meta:
        ordering = ["application_id", "round", "id"]
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")

    def __str__(self):
        return f"{self.application_id}: {self.attachment_id}"
