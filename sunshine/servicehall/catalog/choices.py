from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Audience(models.TextChoices):
    """面向对象: the theme lists of the service hall (个人办事 / 法人办事)."""

    PERSON = "person", _("个人")
    ENTERPRISE = "enterprise", _("法人")
