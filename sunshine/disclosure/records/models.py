"""Government information (政府信息): the record, its published versions and the 索引号
counters. Written only by services.py; read with rules through selectors.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import DisclosureMode, DocKind, Topic, Validity, WithheldGround
from .workflow import RECORD_WORKFLOW, RecordState


class DisclosureRecord(models.Model):
    """政府信息: one official document or piece of information, with the metadata of
    rules.md §2. `agency` is the 公开主体 — the agency that drafted the record and answers for
    it (谁制作、谁公开; permissions, 索引号, the disclosure clock); `issuer` is the 发文机关
    printed on the document, often the same agency, sometimes the government above it.

    While a record is published, its fields are the current published version: editing it is a
    revision (services.revise), which saves a new RecordVersion in the same transaction."""

    workflow = RECORD_WORKFLOW
    State = RecordState

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("公开主体")
    )
    issuer = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("发文机关")
    )
    index_number = models.CharField(_("索引号"), max_length=60, unique=True)
    doc_number = models.CharField(_("文号"), max_length=60, blank=True, db_index=True)
    title = models.CharField(_("标题"), max_length=300)
    recipients = models.CharField(_("主送机关"), max_length=500, blank=True)
    date_written = models.DateField(_("成文日期"))
    date_published = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    topic = models.CharField(_("主题分类"), max_length=20, choices=Topic.choices)
    kind = models.CharField(_("公文种类"), max_length=20, choices=DocKind.choices)
    normative = models.BooleanField(_("规范性文件"), default=False)
    keywords = models.CharField(_("主题词"), max_length=200, blank=True)
    disclosure_mode = models.CharField(_("公开属性"), max_length=12, choices=DisclosureMode.choices)
    withheld_reason = models.TextField(_("不予主动公开理由"), blank=True)
    withheld_ground = models.CharField(
        _("不予主动公开依据"), max_length=20, choices=WithheldGround.choices, blank=True
    )
    validity = models.CharField(
        _("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID
    )
    validity_date = models.DateField(_("失效/废止日期"), null=True, blank=True)
    body = models.TextField(_("正文"), blank=True)
    needs_interpretation = models.BooleanField(_("需要解读"), default=False)
    related = models.ManyToManyField("self", blank=True, verbose_name=_("相关文件"))
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=RecordState.choices,
        default=RecordState.DRAFT,
        db_index=True,
    )
    scheduled_at = models.DateTimeField(_("定时发布时间"), null=True, blank=True)
    current_version = models.ForeignKey(
        "RecordVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("当前版本"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-date_published", "-date_written", "-id"]
        indexes = [
            models.Index(fields=["state", "disclosure_mode", "date_published"]),
            models.Index(fields=["agency", "state"]),
        ]
        constraints = [
            # 依申请公开 / 不予公开 always carry a ground (条例 Arts 14–16).
            models.CheckConstraint(
                condition=Q(disclosure_mode=DisclosureMode.PROACTIVE) | ~Q(withheld_ground=""),
                name="records_ground_unless_proactive",
            ),
            # Only 主动公开 records are ever published (belt and braces for the selectors).
            models.CheckConstraint(
                condition=~Q(state=RecordState.PUBLISHED)
                | Q(disclosure_mode=DisclosureMode.PROACTIVE),
                name="records_published_is_proactive",
            ),
        ]
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")

    def __str__(self):
        return self.title

    @property
    def year(self) -> int:
        return self.date_written.year

    @property
    def is_public(self) -> bool:
        return (
            self.state == RecordState.PUBLISHED and self.disclosure_mode == DisclosureMode.PROACTIVE
        )


class RecordVersion(models.Model):
    """A published version (版本) of a record: every public field as it was published, so
    the revision history of a 规范性文件 can be shown. Number 1 is the first publication."""

    record = models.ForeignKey(DisclosureRecord, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    title = models.CharField(_("标题"), max_length=300)
    snapshot = models.JSONField(_("内容"), default=dict)
    change_note = models.TextField(_("修订说明"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("发布时间"))

    class Meta:
        ordering = ["record", "number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="records_version_number")
        ]
        verbose_name = _("政府信息版本")
        verbose_name_plural = _("政府信息版本")

    def __str__(self):
        return f"{self.title} v{self.number}"


class IndexCounter(models.Model):
    """The last 索引号 serial used by one agency in one year (one row each, updated under a
    row lock so that concurrent drafts never get the same number)."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="records_index_counter")
        ]
        verbose_name = _("索引号计数")
        verbose_name_plural = _("索引号计数")

    def __str__(self):
        return f"{self.agency_id}/{self.year}: {self.last_serial}"
