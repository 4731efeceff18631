"""Policy interpretations (政策解读) and the approver's waivers of the rule that a record
marked "needs interpretation" is published with one. Written only by services.py."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import InterpretationKind
from .workflow import INTERPRETATION_WORKFLOW, InterpretationState


class Interpretation(models.Model):
    """政策解读: one interpretation of one policy record, in one form (文字, 图解, 音视频,
    访谈, 发布会). It belongs to the record's drafting agency (谁起草、谁解读): `agency` is the
    record's `agency`, set when the interpretation is created, and only that agency's staff
    (and those above it) may write it. Images of a 图解 and other files are attachments
    (kernel/files)."""

    workflow = INTERPRETATION_WORKFLOW
    State = InterpretationState
    Kind = InterpretationKind

    record = models.ForeignKey(
        "records.DisclosureRecord",
        on_delete=models.PROTECT,
        related_name="interpretations",
        verbose_name=_("所解读的文件"),
    )
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("解读机关")
    )
    kind = models.CharField(_("解读形式"), max_length=20, choices=InterpretationKind.choices)
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("解读正文"), blank=True)
    media_url = models.URLField(_("音视频地址"), max_length=500, blank=True)
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=InterpretationState.choices,
        default=InterpretationState.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("撰稿人"),
    )
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    attachments = GenericRelation("files.Attachment")

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["state", "published_at"]),
            models.Index(fields=["record", "state"]),
            models.Index(fields=["agency", "state"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state=InterpretationState.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name="interpretations_published_has_time",
            ),
        ]
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    def __str__(self):
        return self.title


class InterpretationWaiver(models.Model):
    """免于解读: the approver's decision, with its reason, that a record marked "needs
    interpretation" may be published without one. One per record; audited when made."""

    record = models.OneToOneField(
        "records.DisclosureRecord",
        on_delete=models.PROTECT,
        related_name="interpretation_waiver",
        verbose_name=_("文件"),
    )
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("机关")
    )
    reason = models.TextField(_("理由"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("签发人"),
    )
    created_at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("免于解读")
        verbose_name_plural = _("免于解读")

    def __str__(self):
        return f"{self.record_id}: {self.reason[:40]}"
