"""政府信息公开工作年度报告 of one agency for one year. The tables are computed from the records
every time (report.py); what is stored is what staff write (sections 一, 五, 六 and the figures
no module of the platform records), the roll-up choice, and at publication the whole report as
published (`published_data`), so next year's 现行有效 check and the public record use the
figures as they were published."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import ReportState


class AnnualReport(models.Model):
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("机关")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    state = models.CharField(
        _("状态"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    rollup = models.BooleanField(_("汇总所属部门数据"), default=False)
    section_one = models.TextField(_("一、总体情况"), blank=True)
    section_five = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    section_six = models.TextField(_("六、其他需要报告的事项"), blank=True)
    # Figures of table 二 that no module records (e.g. 行政强制): {row key: number as text}.
    manual = models.JSONField(_("人工填报数据"), default=dict, blank=True)
    published_data = models.JSONField(_("发布时的报告"), null=True, blank=True)
    record = models.ForeignKey(
        "records.DisclosureRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发布的政府信息"),
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="annualreport_once_a_year")
        ]
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")

    def __str__(self):
        return _("%(agency)s%(year)s年政府信息公开工作年度报告") % {
            "agency": self.agency.name,
            "year": self.year,
        }

    @property
    def is_published(self) -> bool:
        return self.state == ReportState.PUBLISHED
