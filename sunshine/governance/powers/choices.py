"""The fixed lists of 权力清单 (power items); shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PowerKind(models.TextChoices):
    """The ten kinds of administrative power (行政职权) a list is drawn up by."""

    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    LEVY = "levy", _("行政征收")
    BENEFIT = "benefit", _("行政给付")
    INSPECTION = "inspection", _("行政检查")
    CONFIRMATION = "confirmation", _("行政确认")
    AWARD = "award", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER = "other", _("其他行政权力")


class PowerStatus(models.TextChoices):
    """Where an item stands on a given day (from its versions' effective dates)."""

    IN_FORCE = "in_force", _("有效")
    PENDING = "pending", _("尚未生效")
    REPEALED = "repealed", _("已废止")


NAME_MAX = 200
CODE_MAX = 40
IMPORT_MAX_ROWS = 5_000  # rows of one import (a department's list has a few hundred)
IMPORT_SYNC_ROWS = 2_000  # more rows: the import runs as a background job (a FileJob)
