"""A crawl of one site (CrawlRun) with its findings, and the yearly 政府网站工作年度报表."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import SEVERITY_ORDER, Check, ReportState, RunState, Severity, Trigger


class CrawlRun(models.Model):
    """One self-check of one site: what was crawled, the 国办 checklist score, the findings."""

    site = models.ForeignKey(
        "sites_cluster.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    host = models.CharField(_("域名"), max_length=120)
    site_name = models.CharField(_("网站名称"), max_length=100)
    agency = models.ForeignKey(
        "orgs.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    base_url = models.CharField(_("起始地址"), max_length=300)
    trigger = models.CharField(_("发起方式"), max_length=10, choices=Trigger.choices)
    state = models.CharField(
        _("状态"), max_length=8, choices=RunState.choices, default=RunState.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("发起时间"))
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    max_pages = models.PositiveIntegerField(_("最多检查页面数"), default=500)
    pages_checked = models.PositiveIntegerField(_("检查页面数"), default=0)
    pages_failed = models.PositiveIntegerField(_("无法访问页面数"), default=0)
    links_checked = models.PositiveIntegerField(_("检查链接数"), default=0)
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, null=True, blank=True)
    vetoed = models.BooleanField(_("单项否决"), null=True, blank=True)
    # Figures of the run (columns with their latest dates, counts per check, timings).
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("网站自查")
        verbose_name_plural = _("网站自查")

    def __str__(self):
        return f"{self.site_name} {self.created_at:%Y-%m-%d}"

    @property
    def fail_rate(self) -> float:
        return self.pages_failed / self.pages_checked if self.pages_checked else 0.0

    def ordered_findings(self) -> list["Finding"]:
        return sorted(
            self.findings.all(), key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.item, f.pk)
        )


class Finding(models.Model):
    """One problem found, with the URL it is about (and the page linking to it)."""

    run = models.ForeignKey(CrawlRun, on_delete=models.CASCADE, related_name="findings")
    item = models.CharField(_("检查项"), max_length=20, choices=Check.choices)
    severity = models.CharField(_("性质"), max_length=8, choices=Severity.choices)
    url = models.CharField(_("网址"), max_length=500, blank=True)
    source_url = models.CharField(_("所在页面"), max_length=500, blank=True)
    message = models.CharField(_("说明"), max_length=500)
    points = models.DecimalField(_("扣分"), max_digits=5, decimal_places=1, default=0)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("检查发现")

    def __str__(self):
        return self.message


class YearlyReport(models.Model):
    """政府网站工作年度报表 of one site and year: the figures (`data`) computed from the site's
    data and the latest crawl, published as an HTML page by 31 January (a deadline clock)."""

    site = models.ForeignKey(
        "sites_cluster.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    host = models.CharField(_("域名"), max_length=120)
    site_name = models.CharField(_("网站名称"), max_length=100)
    agency = models.ForeignKey(
        "orgs.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    state = models.CharField(
        _("状态"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    data = models.JSONField(default=dict, blank=True)
    crawl = models.ForeignKey(
        CrawlRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    generated_at = models.DateTimeField(_("生成时间"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "site_name"]
        constraints = [
            models.UniqueConstraint(fields=["host", "year"], name="uniq_sitecheck_report_year")
        ]
        verbose_name = _("政府网站工作年度报表")
        verbose_name_plural = _("政府网站工作年度报表")

    def __str__(self):
        return f"{self.site_name} {self.year}"
