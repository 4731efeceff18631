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
