"""The fixed lists of the government gazette (政府公报)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleSource(models.TextChoices):
    """Where an article's content comes from."""

    RECORD = "record", _("政府信息")  # a published 主动公开 record (its own page at /zcwj/<pk>/)
    BORN_DIGITAL = "born_digital", _("文字版 PDF")  # text layer of an uploaded old issue
    OCR = "ocr", _("扫描件文字识别")  # scanned page of an uploaded old issue, OCR'd
    MANUAL = "manual", _("人工录入")


TEXT_SOURCES = (ArticleSource.BORN_DIGITAL, ArticleSource.OCR, ArticleSource.MANUAL)


class PageSource(models.TextChoices):
    BORN_DIGITAL = "born_digital", _("文字层")
    OCR = "ocr", _("文字识别")
    EMPTY = "empty", _("空白页")


class Processing(models.TextChoices):
    """The background processing of an uploaded historical issue."""

    NONE = "", _("无")
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("处理中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


# Usual 栏目 headings of a provincial gazette (suggestions; any heading may be typed).
SECTION_SUGGESTIONS = [
    _("省政府令"),
    _("省政府文件"),
    _("省政府办公厅文件"),
    _("部门文件"),
    _("人事任免"),
    _("其他"),
]
