"""The 电子监察 daily summary (每日汇总): one agency's numbers of one local (Asia/Shanghai) day,
derived from the applications, their 承诺时限 clocks and their ratings (summary.py builds it;
nothing else writes it). The dashboards add up these rows for the days the summary covers and
count the raw rows live for the rest (today, and the days changed since the last build)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyNumbers(models.Model):
    """每日汇总: what happened on `day` in `agency` (see numbers.py for the definitions)."""

    day = models.DateField(_("日期"))
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("单位")
    )
    received = models.PositiveIntegerField(_("收件"), default=0)
    corrected = models.PositiveIntegerField(_("补正"), default=0)
    completed = models.PositiveIntegerField(_("办结"), default=0)
    clocked = models.PositiveIntegerField(_("计时办结"), default=0)
    on_time = models.PositiveIntegerField(_("按时办结"), default=0)
    # Working days of handling → applications 办结 that day, {"4": 2, "12": 1}.
    handling = models.JSONField(_("办理时长分布"), default=dict, blank=True)
    ratings = models.PositiveIntegerField(_("评价"), default=0)
    bad_ratings = models.PositiveIntegerField(_("差评"), default=0)

    class Meta:
        verbose_name = _("电子监察每日汇总")
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["day", "agency"], name="supervision_daily_day_agency")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id}"


class SummaryState(models.Model):
    """How far the daily summary is built: every day up to `built_through` was counted from
    rows as they were at `built_at`; rows changed since then make their days live again."""

    name = models.CharField(_("名称"), max_length=60, unique=True)
    built_through = models.DateField(_("汇总截至"), null=True, blank=True)
    built_at = models.DateTimeField(_("汇总时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("电子监察汇总状态")
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.name} {self.built_through}"
