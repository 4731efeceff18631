"""The fixed lists of the annual report; shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportState(models.TextChoices):
    DRAFT = "draft", _("编制中")
    PUBLISHED = "published", _("已发布")


# The six sections of the 2021 template (国办公开办函〔2021〕30号), by number.
SECTION_TITLES = {
    "一": _("总体情况"),
    "二": _("主动公开政府信息情况"),
    "三": _("收到和处理政府信息公开申请情况"),
    "四": _("政府信息公开行政复议、行政诉讼情况"),
    "五": _("存在的主要问题及改进情况"),
    "六": _("其他需要报告的事项"),
}
SECTIONS = tuple(SECTION_TITLES)
# The sections staff write; the others are the tables.
DRAFTED_SECTIONS = ("一", "五", "六")
SECTION_FIELDS = {"一": "section_one", "五": "section_five", "六": "section_six"}
TEXT_MAX = 20_000
