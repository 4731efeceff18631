"""The fixed lists of 采集 (harvesting); shells import these, never the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HarvestKind(models.TextChoices):
    CKAN = "ckan", _("CKAN 接口")
    DCAT = "dcat", _("DCAT 文件（Turtle、RDF/XML、JSON-LD）")


class HarvestSchedule(models.TextChoices):
    MANUAL = "manual", _("仅手动")
    DAILY = "daily", _("每日")
    WEEKLY = "weekly", _("每周")


class ResourceMode(models.TextChoices):
    DOWNLOAD = "download", _("下载数据文件（CSV、XLSX、JSON）")
    LINK = "link", _("只保留链接")


class RunState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("未完成")


OUTCOMES = {
    "created": _("新增"),
    "updated": _("更新"),
    "unchanged": _("未变化"),
    "withdrawn": _("来源已删除"),
    "failed": _("失败"),
}
