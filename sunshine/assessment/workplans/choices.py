"""The lists and limits of 政务公开工作计划 that pages and API schemas show."""

from django.db import models
from django.utils.translation import gettext_lazy as _

TITLE_MAX = 200
NOTE_MAX = 2000
MAX_TASKS = 200


class PlanState(models.TextChoices):
    PENDING = "pending", _("待报送")
    SUBMITTED = "submitted", _("已报送")


class TaskState(models.TextChoices):
    OPEN = "open", _("推进中")
    DONE = "done", _("已完成")


# The overview's status of an agency's plan in a round.
class PlanStatus(models.TextChoices):
    ON_TIME = "on_time", _("按时报送")
    LATE = "late", _("逾期报送")
    MISSING = "missing", _("逾期未报")
    WAITING = "waiting", _("待报送")
