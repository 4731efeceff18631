"""The fixed lists of 双随机、一公开 spot checks; shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanState(models.TextChoices):
    DRAFT = "draft", _("待抽取")
    DRAWN = "drawn", _("已抽取，检查中")
    PUBLISHED = "published", _("结果已公示")


class Outcome(models.TextChoices):
    """检查结果 per target, as the national 双随机 result categories."""

    NO_PROBLEM = "no_problem", _("未发现问题")
    CORRECTED = "corrected", _("发现问题，已责令整改")
    CASE_OPENED = "case_opened", _("发现问题，已立案查处")
    NOT_FOUND = "not_found", _("未发现检查对象（查无下落）")
    CLOSED = "closed", _("已停业或注销")


IMPORT_MAX_ROWS = 20_000  # rows of one library import
IMPORT_SYNC_ROWS = 2_000  # more rows: the import runs as a background job (a FileJob)
