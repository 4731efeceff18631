"""督办 (supervision orders): a supervisor of the general office tells an agency to act on an
item (an overdue message, a stalled application...), with a response deadline."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SupervisionOrder(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("待反馈")
        RESPONDED = "responded", _("已反馈")
        CLOSED = "closed", _("已办结")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("督办对象类型"), max_length=40, db_index=True)
    title = models.CharField(_("督办事项"), max_length=200)
    agency = models.ForeignKey(
        "orgs.Agency",
        on_delete=models.PROTECT,
        related_name="supervision_orders",
        verbose_name=_("承办机关"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervision_orders_issued",
        verbose_name=_("督办人"),
    )
    issued_at = models.DateTimeField(_("督办时间"), db_index=True)
    reason = models.TextField(_("督办事由"))
    response_days = models.PositiveSmallIntegerField(_("反馈时限（工作日）"))
    clock = models.ForeignKey(
        "deadlines.Clock",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("反馈期限"),
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True
    )
    response_text = models.TextField(_("反馈情况"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(_("反馈时间"), null=True, blank=True)
    verdict = models.TextField(_("办结意见"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["agency", "state"]),
        ]
        verbose_name = _("督办")
        verbose_name_plural = _("督办")

    def __str__(self):
        return f"{self.title}（{self.get_state_display()}）"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("workbench:oversight_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state != self.State.CLOSED
