"""The fixed lists of a policy interpretation (政策解读)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InterpretationKind(models.TextChoices):
    """解读形式 (国办发〔2016〕80号: 文字、图解、音视频、访谈、发布会 …)."""

    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图解")
    MEDIA = "media", _("音视频")
    INTERVIEW = "interview", _("访谈")
    PRESS_CONFERENCE = "press_conference", _("发布会")
