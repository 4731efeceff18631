"""依申请公开·提供的信息: the files given to an applicant, redacted for 部分公开 (条例 Art. 37:
"应当向申请人提供可以公开的政府信息内容，并对不予公开的内容说明理由", 区分处理).

A `ReleasedFile` keeps the original (`source`, never served to the public, stored under a
random name in a non-public folder) and, once released, the flattened/cleaned file
(`released`) with its SHA-256. Each `Redaction` names what is removed (a text or, for PDF, a
box in PDF points with a top-left origin as pdfplumber gives them) and its legal ground, one of
the 不予公开 leaves of table three (`Outcome.WITHHELD_*`). Written only by services.py.

`request.released_files.filter(state="released")` lists what an applicant may download."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.foi.choices import Outcome
from sunshine.kernel import clock

from .choices import GROUND_CHOICES, ReleasedFileKind
from .choices import GROUNDS as GROUNDS  # re-exported for services.py and selectors.py


def source_upload_to(instance: "ReleasedFile", filename: str) -> str:
    """private/foi-releases/source/YYYY/MM/<random>.<kind>: the original is never public and
    its stored name never carries the user's file name."""
    today = clock.today()
    return f"private/foi-releases/source/{today:%Y}/{today:%m}/{uuid.uuid4().hex}.{instance.kind}"


def released_upload_to(instance: "ReleasedFile", filename: str) -> str:
    today = clock.today()
    return f"foi-releases/{today:%Y}/{today:%m}/{uuid.uuid4().hex}.{instance.kind}"


class ReleasedFile(models.Model):
    """提供的信息: one file of a reply, redacted (部分公开) or whole."""

    Kind = ReleasedFileKind  # the list lives in choices.py (shells import it there)

    class State(models.TextChoices):
        DRAFT = "draft", _("待处理")
        RELEASED = "released", _("已提供")

    request = models.ForeignKey(
        "foi.InfoRequest",
        on_delete=models.CASCADE,
        related_name="released_files",
        verbose_name=_("依申请公开申请"),
    )
    title = models.CharField(_("名称"), max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    source = models.FileField(_("原件"), upload_to=source_upload_to, max_length=255)
    source_sha256 = models.CharField(_("原件 SHA-256"), max_length=64, blank=True)
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    pages = models.PositiveIntegerField(_("页数"), null=True, blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )
    released = models.FileField(
        _("提供的文件"), upload_to=released_upload_to, max_length=255, blank=True
    )
    released_at = models.DateTimeField(_("提供时间"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("提供人"),
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("大小（字节）"), null=True, blank=True)
    created_at = models.DateTimeField(_("上传时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("上传人"),
    )

    class Meta:
        ordering = ["request", "created_at", "pk"]
        indexes = [models.Index(fields=["request", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="draft") | (~models.Q(sha256="") & ~models.Q(released="")),
                name="foi_release_released_has_file",
            ),
        ]
        verbose_name = _("提供的信息")
        verbose_name_plural = _("提供的信息")

    def __str__(self) -> str:
        return self.title

    @property
    def is_released(self) -> bool:
        return self.state == self.State.RELEASED

    @property
    def is_redacted(self) -> bool:
        return self.redactions.exists()


class Redaction(models.Model):
    """删除的内容 (区分处理): a text, every occurrence of which is removed, or a box on a PDF page."""

    class Kind(models.TextChoices):
        TEXT = "text", _("文字")
        BOX = "box", _("区域")

    released_file = models.ForeignKey(
        ReleasedFile,
        on_delete=models.CASCADE,
        related_name="redactions",
        verbose_name=_("提供的信息"),
    )
    kind = models.CharField(_("方式"), max_length=8, choices=Kind.choices)
    # PDF page, 1-based; null for DOCX and for a text redaction that applies to every page.
    page = models.PositiveIntegerField(_("页码"), null=True, blank=True)
    text = models.TextField(_("删除的文字"), blank=True)
    # PDF points, origin top-left (pdfplumber's x0, top, x1, bottom).
    x0 = models.FloatField(_("左"), null=True, blank=True)
    y0 = models.FloatField(_("上"), null=True, blank=True)
    x1 = models.FloatField(_("右"), null=True, blank=True)
    y1 = models.FloatField(_("下"), null=True, blank=True)
    ground = models.CharField(_("不予公开的理由"), max_length=40, choices=GROUND_CHOICES)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("添加时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("添加人"),
    )

    class Meta:
        ordering = ["released_file", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="text") & ~models.Q(text=""))
                | (
                    models.Q(kind="box")
                    & models.Q(page__isnull=False)
                    & models.Q(x0__isnull=False)
                    & models.Q(y0__isnull=False)
                    & models.Q(x1__isnull=False)
                    & models.Q(y1__isnull=False)
                ),
                name="foi_redaction_text_or_box",
            ),
        ]
        verbose_name = _("删除的内容")
        verbose_name_plural = _("删除的内容")

    def __str__(self) -> str:
        if self.kind == self.Kind.TEXT:
            return self.text[:40]
        return f"p{self.page} ({self.x0:.0f},{self.y0:.0f})–({self.x1:.0f},{self.y1:.0f})"

    @property
    def ground_label(self) -> str:
        return str(Outcome(self.ground).label)
