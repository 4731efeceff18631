"""The fixed lists of message groups; shells import these, never `models`."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    NEAR_DUPLICATE = "near_duplicate", _("重复留言")
    SAME_TOPIC = "same_topic", _("同一话题")
