"""The fixed lists of 新闻发布会与访谈 (briefings); shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BriefingKind(models.TextChoices):
    PRESS_CONFERENCE = "press_conference", _("新闻发布会")
    INTERVIEW = "interview", _("在线访谈")
    OPEN_DAY = "open_day", _("政府开放日")
    POLICY_BRIEFING = "policy_briefing", _("政策宣讲")


class BriefingState(models.TextChoices):
    SCHEDULED = "scheduled", _("已预告")
    HELD = "held", _("已举行")
    PUBLISHED = "published", _("已发布实录")


class MediaKind(models.TextChoices):
    VIDEO = "video", _("视频")
    AUDIO = "audio", _("音频")
    PHOTO = "photo", _("图片")
