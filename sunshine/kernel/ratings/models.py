"""好差评: one rating per rated object and step, and the 差评整改 case a real-name bad rating
opens (call back → verify → rectify → publish, or closed as unfounded)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import BAD_LEVELS, CaseState, RatingLevel


class Rating(models.Model):
    """A rating of a finished item (or of one of its steps; step "" = the whole item) by the
    person the owning module names as its rater, or the default 基本满意 given by the system
    when nobody rated in time (rater null, is_default)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("评价对象类型"), max_length=40, db_index=True)
    step = models.CharField(_("环节"), max_length=40, blank=True, default="")
    title = models.CharField(_("评价事项"), max_length=200, blank=True)
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="ratings", verbose_name=_("机关")
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ratings",
        verbose_name=_("评价人"),
    )
    level = models.CharField(_("评价等级"), max_length=20, choices=RatingLevel.choices)
    comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    is_default = models.BooleanField(_("默认评价"), default=False)
    is_real_name = models.BooleanField(_("实名评价"), default=False)
    created_at = models.DateTimeField(_("评价时间"), db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "step"], name="uniq_rating_per_step"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "agency", "created_at"]),
            models.Index(fields=["agency", "created_at"]),
        ]
        verbose_name = _("评价")
        verbose_name_plural = _("评价")

    def __str__(self):
        return f"{self.title or self.kind} · {self.get_level_display()}"

    @property
    def is_bad(self) -> bool:
        return self.level in BAD_LEVELS

    @property
    def owner_id(self):
        # OWNER in the permission policy: the citizen who rated.
        return self.rater_id


class RectificationCase(models.Model):
    """差评整改: every real-name 差评 is called back (100%), verified, rectified within the
    `rating.rectify` clock (15 wd by default) and its outcome published."""

    rating = models.OneToOneField(
        Rating, on_delete=models.PROTECT, related_name="case", verbose_name=_("评价")
    )
    agency = models.ForeignKey(
        "orgs.Agency",
        on_delete=models.PROTECT,
        related_name="rectification_cases",
        verbose_name=_("机关"),
    )
    kind = models.CharField(_("评价对象类型"), max_length=40, db_index=True)
    title = models.CharField(_("评价事项"), max_length=200, blank=True)
    state = models.CharField(
        _("状态"), max_length=20, choices=CaseState.choices, default=CaseState.OPEN, db_index=True
    )
    opened_at = models.DateTimeField(_("立案时间"), db_index=True)
    clock = models.ForeignKey(
        "deadlines.Clock",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("整改期限"),
    )

    callback_reached = models.BooleanField(_("是否联系上"), null=True, blank=True)
    callback_at = models.DateTimeField(_("回访时间"), null=True, blank=True)
    callback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    callback_note = models.TextField(_("回访记录"), blank=True)
    callback_attempts = models.PositiveSmallIntegerField(_("回访次数"), default=0)

    founded = models.BooleanField(_("反映问题是否属实"), null=True, blank=True)
    verification_note = models.TextField(_("核实情况"), blank=True)
    verified_at = models.DateTimeField(_("核实时间"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    rectification_note = models.TextField(_("整改措施"), blank=True)
    rectified_at = models.DateTimeField(_("整改完成时间"), null=True, blank=True)
    rectified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    outcome_text = models.TextField(_("公示的整改结果"), blank=True)
    published_at = models.DateTimeField(_("公示时间"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["agency", "state"])]
        verbose_name = _("差评整改")
        verbose_name_plural = _("差评整改")

    def __str__(self):
        return f"{self.title or self.kind}（{self.get_state_display()}）"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("workbench:ratings_case", args=[self.pk])
