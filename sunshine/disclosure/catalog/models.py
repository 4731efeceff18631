"""主动公开基本目录: an agency's catalog of the information it discloses proactively, its items
(the columns of rules.md §2), the records that fulfil each item, the yearly reviews and the
stale notices. Written only by the services (services.py, imports.py, review.py, stale.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import (
    Audience,
    Channel,
    Decision,
    Level,
    LimitKind,
    LimitUnit,
    Mode,
    ReviewState,
    labels,
)


class Catalog(models.Model):
    """主动公开基本目录 of one agency (one current catalog per agency). Reviewed periodically
    (default yearly, settings.CATALOG_REVIEW_INTERVAL_MONTHS): `next_review_due` is when the
    next review opens (review.py)."""

    agency = models.OneToOneField(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("机关")
    )
    reviewed_at = models.DateTimeField(_("上次审核完成时间"), null=True, blank=True)
    next_review_due = models.DateField(_("下次审核日期"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("创建时间"))
    # Set by the services when an item or a link changes (the "recently updated" column).
    updated_at = models.DateTimeField(_("更新时间"), db_index=True)

    class Meta:
        ordering = ["agency__path"]
        verbose_name = _("主动公开基本目录")
        verbose_name_plural = _("主动公开基本目录")

    def __str__(self):
        return _("%(agency)s主动公开基本目录") % {"agency": self.agency.name}


class CatalogItem(models.Model):
    """One row of a catalog (目录事项). `time_limit` is the 公开时限 as written; `limit_*`
    hold the rule read from it (timelimits.py). `channels` and `levels` are sets of codes of
    choices.Channel / choices.Level, in the order of those lists. `stale*` are written by the
    daily stale check (stale.py)."""

    catalog = models.ForeignKey(
        Catalog, on_delete=models.PROTECT, related_name="items", verbose_name=_("目录")
    )
    number = models.CharField(_("序号"), max_length=20, blank=True)
    category = models.CharField(_("一级事项"), max_length=100)
    subcategory = models.CharField(_("二级事项"), max_length=200, blank=True)
    content = models.TextField(_("公开内容(要素)"))
    basis = models.TextField(_("公开依据"), blank=True)
    time_limit = models.CharField(_("公开时限"), max_length=200, blank=True)
    limit_kind = models.CharField(
        _("时限类型"), max_length=12, choices=LimitKind.choices, default=LimitKind.NONE
    )
    limit_unit = models.CharField(
        _("时限单位"), max_length=6, choices=LimitUnit.choices, blank=True
    )
    limit_length = models.PositiveSmallIntegerField(_("时限长度"), null=True, blank=True)
    limit_month = models.PositiveSmallIntegerField(_("截止月份"), null=True, blank=True)
    limit_day = models.PositiveSmallIntegerField(_("截止日"), null=True, blank=True)
    subject = models.CharField(_("公开主体"), max_length=200, blank=True)
    channels = models.JSONField(_("公开渠道和载体"), default=list, blank=True)
    audience = models.CharField(
        _("公开对象"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    mode = models.CharField(
        _("公开方式"), max_length=12, choices=Mode.choices, default=Mode.PROACTIVE
    )
    levels = models.JSONField(_("公开层级"), default=list, blank=True)
    records = models.ManyToManyField(
        "records.DisclosureRecord",
        through="CatalogItemRecord",
        related_name="+",
        blank=True,
        verbose_name=_("对应的政府信息"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("有效"), default=True)
    stale = models.BooleanField(_("过期未公开"), default=False)
    stale_period = models.CharField(_("过期所属期间"), max_length=40, blank=True)
    stale_due = models.DateField(_("应公开日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        ordering = ["catalog_id", "sort_order", "pk"]
        indexes = [
            models.Index(fields=["catalog", "active", "sort_order"]),
            models.Index(fields=["stale", "active"]),
        ]
        verbose_name = _("目录事项")
        verbose_name_plural = _("目录事项")

    def __str__(self):
        parts = [self.category, self.subcategory]
        return " / ".join(p for p in parts if p)

    @property
    def agency(self):
        return self.catalog.agency

    @property
    def channel_labels(self) -> list[str]:
        return labels(self.channels, Channel)

    @property
    def level_labels(self) -> list[str]:
        return labels(self.levels, Level)


class CatalogItemRecord(models.Model):
    """A record (政府信息) that fulfils a catalog item; always of the catalog's own agency."""

    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="links")
    record = models.ForeignKey(
        "records.DisclosureRecord", on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(_("关联时间"))
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "record"], name="catalog_item_record_once")
        ]
        verbose_name = _("目录事项关联信息")
        verbose_name_plural = _("目录事项关联信息")

    def __str__(self):
        return f"{self.item_id} ↔ {self.record_id}"


class CatalogReview(models.Model):
    """A periodic review (目录年度审核) of a catalog: the agency confirms or changes each
    active item, then completes the review. Runs on the deadline clock "catalog.review"."""

    catalog = models.ForeignKey(Catalog, on_delete=models.PROTECT, related_name="reviews")
    title = models.CharField(_("名称"), max_length=200)
    state = models.CharField(
        _("状态"), max_length=10, choices=ReviewState.choices, default=ReviewState.OPEN
    )
    opened_at = models.DateTimeField(_("发起时间"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(_("审核期限"), null=True, blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["catalog"],
                condition=Q(state=ReviewState.OPEN),
                name="catalog_one_open_review",
            )
        ]
        verbose_name = _("目录审核")
        verbose_name_plural = _("目录审核")

    def __str__(self):
        return self.title


class ItemReview(models.Model):
    """One item's decision in a review: confirmed unchanged, or changed (edited, added or
    deactivated while the review was open). The latest decision counts."""

    review = models.ForeignKey(CatalogReview, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(_("审核结果"), max_length=10, choices=Decision.choices)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="catalog_item_review_once")
        ]
        verbose_name = _("事项审核结果")
        verbose_name_plural = _("事项审核结果")

    def __str__(self):
        return f"{self.review_id}/{self.item_id}: {self.decision}"


class StaleNotice(models.Model):
    """That the agency was told an item is stale for a period (once per item and period)."""

    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="stale_notices")
    period = models.CharField(_("期间"), max_length=40)
    due = models.DateField(_("应公开日期"))
    notified_at = models.DateTimeField(_("提醒时间"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "period"], name="catalog_stale_notice_once")
        ]
        verbose_name = _("过期提醒")
        verbose_name_plural = _("过期提醒")

    def __str__(self):
        return f"{self.item_id} {self.period}"
