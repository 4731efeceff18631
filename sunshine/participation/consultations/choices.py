"""Choices of 征求意见 (consultations on drafts)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsultationState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SCHEDULED = "scheduled", _("即将开始")  # published, the period has not started yet
    OPEN = "open", _("征求中")
    CLOSED = "closed", _("已结束")
    FEEDBACK_PUBLISHED = "feedback_published", _("已反馈")


class ModerationMode(models.TextChoices):
    PRE = "pre", _("先审后发")
    POST = "post", _("先发后审")


class CommentState(models.TextChoices):
    PENDING = "pending", _("待审核")
    VISIBLE = "visible", _("已公开")
    HIDDEN = "hidden", _("未公开")


class Adoption(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY_ADOPTED = "partly_adopted", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不采纳")


PUBLIC_STATES = (
    ConsultationState.SCHEDULED,
    ConsultationState.OPEN,
    ConsultationState.CLOSED,
    ConsultationState.FEEDBACK_PUBLISHED,
)
