"""The fixed lists of 提供的信息 (released files); shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sunshine.disclosure.foi.choices import Outcome

# The grounds of a redaction: the 不予公开 leaves (条例 Arts 14–16, 36(三)).
GROUNDS: list[str] = [code for code in Outcome.values if code.startswith("withheld_")]
GROUND_CHOICES = [(code, Outcome(code).label) for code in GROUNDS]


class ReleasedFileKind(models.TextChoices):
    PDF = "pdf", _("PDF 文档")
    DOCX = "docx", _("Word 文档（DOCX）")
