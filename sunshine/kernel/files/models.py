"""Attachments (附件): one stored file belonging to one owner object of any module.

The link to the owner is generic and lives on the attachment itself (Django's default field
names `content_type` / `object_id`, as for deadline clocks), with `position` ordering a
owner's attachments. An owner model that wants `record.attachments.all()` declares
`attachments = GenericRelation("files.Attachment")`; everyone else reads them through
`selectors.attachments_for(owner)`. A file attached to two owners is stored twice (same
`sha256`): simpler than a shared blob table, and attachments are rarely shared.

The sniffed type is `kind` (pdf, docx, ...) and `mime_type`; the extension of the original
name never decides the type (sniff.py)."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.kernel import clock


class Kind(models.TextChoices):
    PDF = "pdf", _("PDF 文档")
    DOCX = "docx", _("Word 文档（DOCX）")
    XLSX = "xlsx", _("Excel 表格（XLSX）")
    TXT = "txt", _("文本文件")
    PNG = "png", _("PNG 图片")
    JPEG = "jpeg", _("JPEG 图片")
    GIF = "gif", _("GIF 图片")
    WEBP = "webp", _("WEBP 图片")


IMAGE_KINDS = frozenset({Kind.PNG, Kind.JPEG, Kind.GIF, Kind.WEBP})


def attachment_upload_to(instance: "Attachment", filename: str) -> str:
    """attachments/YYYY/MM/<random>.<ext>: the stored name never carries the user's name
    (Chinese, spaces, '../'); the original name is kept in `original_name`."""
    today = clock.today()
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else instance.kind
    return f"attachments/{today:%Y}/{today:%m}/{uuid.uuid4().hex}.{ext}"


class Attachment(models.Model):
    """附件: the file, what it is (by content), its text for search, and whose it is."""

    class Extraction(models.TextChoices):
        PENDING = "pending", _("待提取")
        DONE = "done", _("已提取")
        NO_TEXT = "no_text", _("无文字")
        FAILED = "failed", _("提取失败")
        # A limit of bounded extraction was reached (a decompression bomb, or just too big):
        # the file is kept and can be downloaded, its text is not extracted.
        TOO_LARGE = "too_large", _("文件过大，未提取文字")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    position = models.PositiveIntegerField(_("顺序"), default=0)
    agency = models.ForeignKey(
        "orgs.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("机关"),
        help_text=_("所属对象的机关（用于权限和审计）"),
    )

    original_name = models.CharField(_("原文件名"), max_length=255)
    file = models.FileField(_("文件"), upload_to=attachment_upload_to, max_length=255)
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    mime_type = models.CharField(_("媒体类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)

    text = models.TextField(_("提取的文字"), blank=True)
    extraction_status = models.CharField(
        _("文字提取"),
        max_length=16,
        choices=Extraction.choices,
        default=Extraction.PENDING,
        db_index=True,
    )
    extraction_error = models.CharField(_("提取错误"), max_length=500, blank=True)
    extracted_at = models.DateTimeField(_("提取时间"), null=True, blank=True)

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"))

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["content_type", "object_id", "position", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "position"])]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind in IMAGE_KINDS


def job_file_upload_to(instance: "FileJob", filename: str) -> str:
    today = clock.today()
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"filejobs/{today:%Y}/{today:%m}/{uuid.uuid4().hex}.{ext}"


class FileJob(models.Model):
    """文件任务: a long import or export run as a background task, with its progress for the
    page that shows it, and its result (a report, and for an export the file).

    The kernel knows no domain: `kind` is the owning module's name for the work
    ("catalog.import"), the task that does it is the module's, and the module reports
    progress and the result through services in jobs.py."""

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("未完成")

    kind = models.CharField(_("任务类型"), max_length=64, db_index=True)
    title = models.CharField(_("名称"), max_length=200)
    agency = models.ForeignKey(
        "orgs.Agency",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("机关"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("发起人"),
    )
    created_at = models.DateTimeField(_("发起时间"))
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    state = models.CharField(
        _("状态"), max_length=8, choices=State.choices, default=State.QUEUED, db_index=True
    )
    stage = models.CharField(_("当前步骤"), max_length=200, blank=True)
    done = models.PositiveIntegerField(_("已处理"), default=0)
    total = models.PositiveIntegerField(_("总数"), default=0)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    source = models.FileField(
        _("上传的文件"), upload_to=job_file_upload_to, max_length=255, blank=True
    )
    source_name = models.CharField(_("上传的文件名"), max_length=255, blank=True)
    result = models.FileField(
        _("结果文件"), upload_to=job_file_upload_to, max_length=255, blank=True
    )
    result_name = models.CharField(_("结果文件名"), max_length=255, blank=True)
    report = models.JSONField(_("结果"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        verbose_name = _("文件任务")
        verbose_name_plural = _("文件任务")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        if not self.total:
            return 0
        return min(99, int(100 * self.done / self.total))
