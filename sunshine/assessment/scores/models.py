"""政务公开考核: the year's scheme (指标体系) set by the general office, and the stored runs
(ScoreRun) that computed every agency's score from recorded events, each indicator's points
with the evidence behind them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import CODE_MAX, NAME_MAX, TITLE_MAX, FormulaKind, RunState


class Scheme(models.Model):
    """One organiser's scheme for one year. `disclosure_share` is the share (in %) of the
    agencies' whole performance assessment (政府绩效考核) that the 政务公开 part carries; the
    indicators' weights share the part's 100 points. `version` goes up with every change; a
    run keeps the version and a copy of the indicators it used."""

    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("组织机关")
    )
    year = models.PositiveSmallIntegerField(_("考核年度"))
    title = models.CharField(_("名称"), max_length=TITLE_MAX)
    disclosure_share = models.DecimalField(
        _("政务公开占绩效考核的权重（%）"), max_digits=5, decimal_places=2
    )
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        ordering = ["-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="scores_scheme_one_per_year")
        ]
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workbench:scores_scheme", args=[self.pk])


class Indicator(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("指标代码"), max_length=CODE_MAX)
    name = models.CharField(_("指标名称"), max_length=NAME_MAX)
    provider = models.CharField(_("数据来源"), max_length=CODE_MAX)
    weight = models.DecimalField(_("分值"), max_digits=6, decimal_places=2)
    kind = models.CharField(_("计分方式"), max_length=12, choices=FormulaKind.choices)
    target = models.DecimalField(_("达标值"), max_digits=8, decimal_places=4, null=True, blank=True)
    per_item = models.DecimalField(
        _("每项扣分"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    sort = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="scores_indicator_code")
        ]
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")

    def __str__(self):
        return self.name


class ScoreRun(models.Model):
    """One computation of a scheme: reproducible from `snapshot` (the scheme's share and
    indicators at `scheme_version`) and the events recorded up to `period_end`."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="runs")
    scheme_version = models.PositiveIntegerField(_("方案版本"))
    snapshot = models.JSONField(default=dict)
    year = models.PositiveSmallIntegerField(_("考核年度"), db_index=True)
    period_start = models.DateField(_("统计起始日"))
    period_end = models.DateField(_("统计截止日"))
    state = models.CharField(
        _("状态"), max_length=8, choices=RunState.choices, default=RunState.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    requested_at = models.DateTimeField(_("发起时间"))
    computed_at = models.DateTimeField(_("计算完成时间"), null=True, blank=True)
    error = models.TextField(_("错误"), blank=True)
    agency_count = models.PositiveIntegerField(_("参评单位数"), default=0)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("考核计算")
        verbose_name_plural = _("考核计算")

    def __str__(self):
        return f"{self.scheme} · v{self.scheme_version} · {self.requested_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("workbench:scores_run", args=[self.pk])


class AgencyScore(models.Model):
    run = models.ForeignKey(ScoreRun, on_delete=models.CASCADE, related_name="scores")
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("单位")
    )
    total = models.DecimalField(_("得分"), max_digits=6, decimal_places=2)
    weighted = models.DecimalField(_("折算绩效分"), max_digits=6, decimal_places=2)
    rank = models.PositiveIntegerField(_("名次"))
    applicable_weight = models.DecimalField(_("参评分值"), max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["rank", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["run", "agency"], name="scores_one_per_agency")
        ]
        verbose_name = _("单位得分")
        verbose_name_plural = _("单位得分")

    def __str__(self):
        return f"{self.agency} {self.total}"


class IndicatorScore(models.Model):
    """One indicator of one agency in a run: the measured value, the points, and the items
    behind them (`evidence`: [{"id", "label", "url", "flag"}], `evidence_count` when the list
    was cut)."""

    agency_score = models.ForeignKey(AgencyScore, on_delete=models.CASCADE, related_name="lines")
    code = models.CharField(_("指标代码"), max_length=CODE_MAX)
    name = models.CharField(_("指标名称"), max_length=NAME_MAX)
    provider = models.CharField(_("数据来源"), max_length=CODE_MAX)
    kind = models.CharField(_("计分方式"), max_length=12, choices=FormulaKind.choices)
    weight = models.DecimalField(_("分值"), max_digits=6, decimal_places=2)
    value = models.DecimalField(_("指标值"), max_digits=14, decimal_places=4, null=True)
    points = models.DecimalField(_("得分"), max_digits=6, decimal_places=2, null=True)
    numerator = models.IntegerField(null=True)
    denominator = models.IntegerField(null=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    evidence = models.JSONField(default=list)
    evidence_count = models.PositiveIntegerField(default=0)
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort", "pk"]
        verbose_name = _("指标得分")
        verbose_name_plural = _("指标得分")

    def __str__(self):
        return f"{self.name} {self.points}"
