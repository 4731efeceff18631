"""权力清单 and 责任清单: an agency's administrative powers (PowerItem), each with its
versions (PowerItemVersion) in force from an effective date. The 责任清单 is the same items
read by their responsibility columns (责任事项, 追责情形和依据), so one row serves both lists,
as the provincial lists are published (权责清单)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import CODE_MAX, NAME_MAX, PowerKind


class PowerItem(models.Model):
    """权力事项: one power of one agency, identified by its 事项编码 within the agency. Its
    content lives in its versions; the item keeps what does not change between versions."""

    Kind = PowerKind

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="power_items", verbose_name=_("机关")
    )
    code = models.CharField(_("事项编码"), max_length=CODE_MAX)
    kind = models.CharField(_("事项类型"), max_length=20, choices=PowerKind.choices)
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("权力事项")
        verbose_name_plural = _("权力事项")
        ordering = ["agency_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="power_item_code_per_agency")
        ]

    def __str__(self) -> str:
        return self.code


class PowerItemVersion(models.Model):
    """A version of a power item, in force from `effective_from` until the next version's
    effective date (`effective_to`, exclusive; empty: open-ended) or until it is repealed."""

    item = models.ForeignKey(PowerItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    name = models.CharField(_("事项名称"), max_length=NAME_MAX)
    basis = models.TextField(_("设定依据"), help_text=_("法律法规名称及条款"))
    subject = models.CharField(_("实施主体"), max_length=200)
    process = models.TextField(_("运行流程"), blank=True)
    responsibility = models.TextField(_("责任事项"), blank=True)
    accountability = models.TextField(_("追责情形及依据"), blank=True)
    # 行政许可 items are served as 政务服务事项: the service item's 事项编码 (a string, not a
    # foreign key: the service hall is another domain, and its code is its public identity).
    service_code = models.CharField(_("关联政务服务事项编码"), max_length=40, blank=True)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    note = models.CharField(_("修订说明"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    search_text = models.TextField(blank=True, editable=False)  # name, code, basis, subject

    class Meta:
        verbose_name = _("权力事项版本")
        verbose_name_plural = _("权力事项版本")
        ordering = ["item_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="power_version_number"),
        ]
        indexes = [models.Index(fields=["effective_from", "effective_to"])]

    def __str__(self) -> str:
        return f"{self.name}（v{self.number}）"

    @property
    def agency(self):
        return self.item.agency
