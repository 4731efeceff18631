"""The fixed lists of 我为政府网站找错; shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

DESCRIPTION_MAX = 1000
CONTACT_MAX = 100
URL_MAX = 500
# Submissions per visitor (kernel.access.ratelimit) in an hour.
PER_HOUR = 10


class ErrorKind(models.TextChoices):
    TYPO = "typo", _("错别字")
    LINK = "link", _("链接错误")
    STALE = "stale", _("内容未及时更新")
    UNAVAILABLE = "unavailable", _("页面无法访问")
    FACT = "fact", _("内容表述错误")
    OTHER = "other", _("其他")


class ReportState(models.TextChoices):
    SUBMITTED = "submitted", _("待确认")
    ACKNOWLEDGED = "acknowledged", _("处理中")
    FIXED = "fixed", _("已改正")
    REJECTED = "rejected", _("经核实无误")


OPEN_STATES = (ReportState.SUBMITTED, ReportState.ACKNOWLEDGED)
