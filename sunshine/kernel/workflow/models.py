"""The workflow history (流转记录) of any object: one row per transition, kept forever."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .definitions import get_workflow


class AppendOnlyError(Exception):
    pass


class TransitionLog(models.Model):
    """Who moved which object from which state to which, when, and with what comment. The
    matching audit event (same transaction) is linked for the chain's proof."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    agency = models.ForeignKey(
        "orgs.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("机关"),
    )
    workflow = models.CharField(_("流程"), max_length=60)
    transition = models.CharField(_("操作"), max_length=60)
    from_state = models.CharField(_("原状态"), max_length=40)
    to_state = models.CharField(_("新状态"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("操作人"),
    )
    comment = models.TextField(_("意见"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    audit_event = models.ForeignKey(
        "audit.AuditEvent", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        verbose_name = _("流转记录")
        verbose_name_plural = _("流转记录")

    def __str__(self):
        return f"{self.workflow}:{self.object_id} {self.from_state} → {self.to_state}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("transition logs are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("transition logs are never deleted")

    def _workflow(self):
        return get_workflow(self.workflow)

    @property
    def transition_label(self) -> str:
        wf = self._workflow()
        if wf is None:
            return self.transition
        try:
            return str(wf.get(self.transition).label or self.transition)
        except LookupError:
            return self.transition

    @property
    def from_label(self) -> str:
        wf = self._workflow()
        return wf.state_label(self.from_state) if wf else self.from_state

    @property
    def to_label(self) -> str:
        wf = self._workflow()
        return wf.state_label(self.to_state) if wf else self.to_state

    @property
    def actor_label(self) -> str:
        return str(self.actor) if self.actor_id else str(_("系统"))
