"""The official working calendar (工作日历): the State Council's yearly holiday notices
(节假日安排通知) with their holidays and 调休 make-up working days.

A date not listed follows the normal week (Monday–Friday working). A year's notice can set days
of the year before (the 2019 notice holds 2018-12-29..31), so days are indexed by date and only
remember which notice set them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """One year's holiday notice (某年部分节假日安排的通知): loaded or not yet published."""

    class Source(models.TextChoices):
        BUNDLED = "bundled", _("随系统发布")
        IMPORT = "import", _("导入文件")
        MANUAL = "manual", _("手工维护")

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    loaded = models.BooleanField(_("已加载"), default=False)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices, blank=True)
    papers = models.JSONField(_("通知网址"), default=list, blank=True)
    loaded_at = models.DateTimeField(_("加载时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("节假日安排年度")
        verbose_name_plural = _("节假日安排年度")

    def __str__(self):
        return str(self.year)


class CalendarDay(models.Model):
    """A day the notice sets: a holiday (放假, `is_off_day`) or a 调休 make-up working day."""

    date = models.DateField(_("日期"), unique=True)
    is_off_day = models.BooleanField(_("休息日"))
    name = models.CharField(_("名称"), max_length=40, blank=True)
    notice = models.ForeignKey(
        CalendarYear,
        on_delete=models.CASCADE,
        related_name="days",
        verbose_name=_("所属通知年度"),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日安排日期")
        verbose_name_plural = _("节假日安排日期")

    def __str__(self):
        return f"{self.date} {self.name}"

    @property
    def is_makeup_workday(self) -> bool:
        return not self.is_off_day


class CalendarState(models.Model):
    """One row whose `version` changes with every change of the calendar, so that every
    process drops its in-memory copy (see calendar.current_calendar). The version is a
    random number, not a counter: a change rolled back in one process and another committed
    elsewhere can then never share a version."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.PositiveBigIntegerField(default=0)
