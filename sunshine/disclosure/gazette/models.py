"""The government gazette (政府公报): issues, their articles and, for uploaded historical
issues, the text of each page. Written only by services.py / historical.py; read with rules
through selectors.py."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import ArticleSource, PageSource, Processing
from .workflow import ISSUE_WORKFLOW, IssueState


class GazetteIssue(models.Model):
    """政府公报一期: year, number (第N期), optionally the running number (总第N期), the
    publication date and its contents in order. `agency` is the agency that edits the
    gazette (the province's general office); permissions are checked on it.

    An issue compiled on the platform lists published records; its PDF (`pdf`) is generated
    from them. A historical issue is an uploaded PDF (`source_attachment`, kernel/files),
    processed page by page in the background (`processing`), whose articles carry their own
    text, split by title and corrected by staff before the issue is published."""

    workflow = ISSUE_WORKFLOW
    State = IssueState

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("编辑机关")
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    number = models.PositiveSmallIntegerField(_("期号"))
    total_number = models.PositiveIntegerField(_("总期号"), null=True, blank=True)
    publication_date = models.DateField(_("出版日期"))
    cover_note = models.TextField(_("封面说明"), blank=True)
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=IssueState.choices,
        default=IssueState.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    historical = models.BooleanField(_("历史公报"), default=False)
    source_attachment = models.ForeignKey(
        "files.Attachment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("上传的公报 PDF"),
    )
    processing = models.CharField(
        _("处理状态"),
        max_length=10,
        choices=Processing.choices,
        default=Processing.NONE,
        blank=True,
    )
    pages_total = models.PositiveIntegerField(_("总页数"), default=0)
    pages_done = models.PositiveIntegerField(_("已处理页数"), default=0)
    processing_error = models.TextField(_("处理错误"), blank=True)
    pdf = models.FileField(_("公报 PDF"), upload_to="gazette/%Y/", blank=True, max_length=200)
    pdf_generated_at = models.DateTimeField(_("PDF 生成时间"), null=True, blank=True)
    pdf_pages = models.PositiveIntegerField(_("PDF 页数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    attachments = GenericRelation("files.Attachment")

    class Meta:
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="gazette_issue_year_number"),
            models.CheckConstraint(
                condition=~Q(state=IssueState.PUBLISHED) | Q(published_at__isnull=False),
                name="gazette_published_has_time",
            ),
        ]
        indexes = [models.Index(fields=["state", "year", "number"])]
        verbose_name = _("政府公报")
        verbose_name_plural = _("政府公报")

    def __str__(self):
        return f"{self.year}年第{self.number}期"

    @property
    def is_public(self) -> bool:
        return self.state == IssueState.PUBLISHED


class GazetteArticle(models.Model):
    """One article (篇目) of an issue, in `order`, under a section heading (栏目: 省政府文件,
    部门文件, 人事任免, ...). Either a published record (`record`; title and 文号 copied when
    added, the record's page shows it) or, for a historical issue, its own text with the
    pages it was found on and how it was read (text layer or OCR, with the confidence)."""

    issue = models.ForeignKey(
        GazetteIssue, on_delete=models.CASCADE, related_name="articles", verbose_name=_("期")
    )
    order = models.PositiveIntegerField(_("顺序"), default=0)
    section = models.CharField(_("栏目"), max_length=60, blank=True)
    source = models.CharField(_("来源"), max_length=16, choices=ArticleSource.choices)
    record = models.ForeignKey(
        "records.DisclosureRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("政府信息"),
    )
    title = models.CharField(_("标题"), max_length=300, blank=True)
    doc_number = models.CharField(_("文号"), max_length=60, blank=True)
    body = models.TextField(_("正文"), blank=True)
    page_start = models.PositiveIntegerField(_("起始页"), null=True, blank=True)
    page_end = models.PositiveIntegerField(_("结束页"), null=True, blank=True)
    ocr_confidence = models.FloatField(_("识别置信度"), null=True, blank=True)

    class Meta:
        ordering = ["issue", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(source=ArticleSource.RECORD) & Q(record__isnull=False))
                | (~Q(source=ArticleSource.RECORD) & Q(record__isnull=True)),
                name="gazette_article_record_or_text",
            ),
            models.UniqueConstraint(
                fields=["issue", "record"],
                condition=Q(record__isnull=False),
                name="gazette_article_record_once",
            ),
        ]
        verbose_name = _("公报文章")
        verbose_name_plural = _("公报文章")

    def __str__(self):
        return self.title

    @property
    def is_record(self) -> bool:
        return self.source == ArticleSource.RECORD

    @property
    def pages_label(self) -> str:
        if not self.page_start:
            return ""
        if self.page_end and self.page_end != self.page_start:
            return f"{self.page_start}–{self.page_end}"
        return str(self.page_start)


class GazettePage(models.Model):
    """The text of one page of an uploaded historical issue, as read by the background
    processing: from the text layer, or by OCR of the page image (with the mean confidence).
    Kept so the split can be checked against the pages and redone."""

    issue = models.ForeignKey(GazetteIssue, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField(_("页码"))
    source = models.CharField(_("来源"), max_length=16, choices=PageSource.choices)
    text = models.TextField(_("文字"), blank=True)
    confidence = models.FloatField(_("识别置信度"), null=True, blank=True)

    class Meta:
        ordering = ["issue", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="gazette_page_number")
        ]
        verbose_name = _("公报页面")
        verbose_name_plural = _("公报页面")

    def __str__(self):
        return f"{self.issue_id} p{self.number}"
