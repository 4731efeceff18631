"""The fixed lists of 会议公开 and 列席; shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    # The order of this enumeration is the fixed order of the draw (see draw.py).
    STAKEHOLDER = "stakeholder", _("利益相关方")
    PUBLIC = "public", _("公众代表")
    EXPERT = "expert", _("专家")
    MEDIA = "media", _("媒体")


class MeetingKind(models.TextChoices):
    """What kind of meeting it is. 听证会, 座谈会 and 咨询协商 are the forms of 公众参与 in a major
    administrative decision (重大行政决策程序暂行条例 Art. 14: 座谈会、听证会、实地走访、书面征求意见、
    向社会公开征求意见、问卷调查、民意调查; Art. 18 听证); a decision links one as its 公众参与 step."""

    MEETING = "meeting", _("一般会议")
    HEARING = "hearing", _("听证会")
    SYMPOSIUM = "symposium", _("座谈会")
    CONSULTATION = "consultation", _("咨询协商")


# The kinds a major decision's 公众参与 step may link (sunshine/governance/decisions).
PARTICIPATION_KINDS = (MeetingKind.HEARING, MeetingKind.SYMPOSIUM, MeetingKind.CONSULTATION)


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
