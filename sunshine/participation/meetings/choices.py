"""The fixed lists of 会议公开 and 列席; shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    # The order of this enumeration is the fixed order of the draw (see draw.py).
    STAKEHOLDER = "stakeholder", _("利益相关方")
    PUBLIC = "public", _("公众代表")
    EXPERT = "expert", _("专家")
    MEDIA = "media", _("媒体")


class MeetingOpenness(models.TextChoices):
    PUBLIC = "public", _("公开")
    NOT_PUBLIC = "not_public", _("不公开")


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("已计划")
    APPLICATIONS_OPEN = "applications_open", _("列席报名中")
    DRAWN = "drawn", _("已抽签")
    HELD = "held", _("已召开")
    PUBLISHED = "published", _("已公开结果")


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("已报名")
    SELECTED = "selected", _("已抽中")
    NOT_SELECTED = "not_selected", _("未抽中")


PUBLISH_MODES = (("live", _("直播")), ("minutes", _("会议纪要")), ("summary", _("会议摘要")))
