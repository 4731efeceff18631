"""Deadline clocks (期限 / 时钟) on any object, their events and their alerts.

A domain model that holds clocks can declare
`clocks = GenericRelation("deadlines.Clock")` (the field names are Django's defaults)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .rules import UNITS, rule_label


class AppendOnlyError(Exception):
    pass


class Clock(models.Model):
    """One deadline on one object: `rule` from the registry, counted from the day after the
    start in working days (wd), calendar days or hours; pauses stop it, extensions add to it."""

    class State(models.TextChoices):
        RUNNING = "running", _("计时中")
        PAUSED = "paused", _("已暂停")
        STOPPED = "stopped", _("已结束")

    class Urgency(models.TextChoices):
        ON_TIME = "on_time", _("正常")
        DUE_SOON = "due_soon", _("即将到期")
        OVERDUE = "overdue", _("已逾期")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="clocks", verbose_name=_("机关")
    )
    rule = models.CharField(_("规则"), max_length=60, db_index=True)
    unit = models.CharField(_("单位"), max_length=5, choices=list(UNITS.items()))
    length = models.PositiveIntegerField(_("法定期限"))
    started_at = models.DateTimeField(_("起算时间"))
    due_at = models.DateTimeField(_("到期时间"), db_index=True)
    state = models.CharField(
        _("状态"), max_length=8, choices=State.choices, default=State.RUNNING, db_index=True
    )
    urgency = models.CharField(
        _("紧急程度"), max_length=8, choices=Urgency.choices, default=Urgency.ON_TIME
    )
    provisional = models.BooleanField(
        _("暂定"), default=False, help_text=_("到期日落在节假日安排尚未加载的年份")
    )
    extension_total = models.PositiveIntegerField(_("延期合计"), default=0)
    extension_count = models.PositiveSmallIntegerField(_("延期次数"), default=0)
    paused_total = models.PositiveIntegerField(
        _("暂停合计"), default=0, help_text=_("已结束的暂停所占的工作日（或日、小时）")
    )
    paused_at = models.DateTimeField(_("本次暂停开始"), null=True, blank=True)
    pause_reason = models.CharField(_("暂停原因"), max_length=200, blank=True)
    # [{"from": iso datetime, "to": iso datetime | null, "reason": str}, ...], oldest first
    pauses = models.JSONField(default=list, blank=True)
    stopped_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=200, blank=True)
    met_deadline = models.BooleanField(_("按期完成"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["state", "urgency", "due_at"]),
            # the drill-down from a board figure: stopped clocks of a period, newest first
            models.Index(fields=["state", "stopped_at"], name="deadlines_clock_stopped_idx"),
            # one agency's stopped clocks of a period (the 考核 run, an agency's drill-down):
            # without it the planner walks the whole period through the index above
            models.Index(
                fields=["agency", "state", "stopped_at"], name="deadlines_clock_agstop_idx"
            ),
            # the drill-down "late" (stopped after the due time, or no verdict): without it the
            # newest stopped clocks are read until enough late ones turn up (PostgreSQL p95 219 ms)
            models.Index(
                fields=["state", "stopped_at"],
                condition=~models.Q(met_deadline=True),
                name="deadlines_clock_late_idx",
            ),
        ]
        verbose_name = _("期限")
        verbose_name_plural = _("期限")

    def __str__(self):
        return f"{self.rule_label} · {self.due_date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("deadlines:detail", args=[self.pk])

    @property
    def rule_label(self) -> str:
        return rule_label(self.rule)

    @property
    def title(self) -> str:
        """What the deadline is for: "<rule label>: <object>"."""
        obj = self.content_object
        return f"{self.rule_label}：{obj}" if obj is not None else self.rule_label

    @property
    def due_date(self):
        return timezone.localdate(self.due_at)

    @property
    def is_open(self) -> bool:
        return self.state != self.State.STOPPED

    @property
    def total_length(self) -> int:
        return self.length + self.extension_total


class ClockEvent(models.Model):
    """Everything that happened to a clock, kept forever (append-only)."""

    class Kind(models.TextChoices):
        START = "start", _("开始计时")
        PAUSE = "pause", _("暂停")
        RESUME = "resume", _("恢复计时")
        EXTEND = "extend", _("延期")
        STOP = "stop", _("结束")
        STATE = "state", _("状态变化")
        RECOMPUTE = "recompute", _("重新计算")
        RESTART = "restart", _("重新起算")

    clock = models.ForeignKey(Clock, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("原因"), max_length=300, blank=True)
    amount = models.IntegerField(_("数量"), null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("期限事件")
        verbose_name_plural = _("期限事件")

    def __str__(self):
        return f"{self.clock_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("clock events are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("clock events are never deleted")

    @property
    def state_change(self) -> str:
        """A state event as text, e.g. "正常 → 即将到期"."""
        labels = dict(Clock.Urgency.choices)
        frm, to = self.data.get("from"), self.data.get("to")
        return f"{labels.get(frm, frm)} → {labels.get(to, to)}" if frm and to else ""


class ClockAlert(models.Model):
    """A due-soon or overdue warning raised by the sweep, once per clock, kind and due time
    (an extension that moves the deadline can warn again)."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("即将到期")
        OVERDUE = "overdue", _("已逾期")

    clock = models.ForeignKey(Clock, on_delete=models.PROTECT, related_name="alerts")
    kind = models.CharField(_("类型"), max_length=8, choices=Kind.choices)
    due_at = models.DateTimeField(_("当时的到期时间"))
    raised_at = models.DateTimeField(_("发出时间"))
    acknowledged = models.BooleanField(_("已确认"), default=False)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(fields=["clock", "kind", "due_at"], name="uniq_clock_alert")
        ]
        verbose_name = _("期限预警")
        verbose_name_plural = _("期限预警")

    def __str__(self):
        return f"{self.clock_id} {self.kind}"


class ClockDailyFact(models.Model):
    """期限统计日汇总: the clocks of one rule and agency that stopped on one local day, kept by
    the job in stats.py (`refresh_facts`) so that a board reads sums, not every clock.
    `workdays` is the histogram of their handling times in working days ({"3": 12, ...}), from
    which a median or p90 over any number of days is exact."""

    day = models.DateField(_("日期"))
    agency_id = models.BigIntegerField(_("机关"))
    rule = models.CharField(_("规则"), max_length=60)
    finished = models.PositiveIntegerField(_("办结数"), default=0)
    on_time = models.PositiveIntegerField(_("按期办结数"), default=0)
    workdays = models.JSONField(_("办理工作日分布"), default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "agency_id", "rule"], name="uniq_clock_day_fact")
        ]
        verbose_name = _("期限统计日汇总")
        verbose_name_plural = verbose_name


class ClockFactState(models.Model):
    """When the daily facts were last brought up to date (one row): every clock stopped before
    `built_at` (wall time, as `Clock.updated_at`) is in them."""

    name = models.CharField(_("名称"), max_length=60, unique=True)
    built_at = models.DateTimeField(_("汇总时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("期限统计汇总状态")
        verbose_name_plural = verbose_name


class ClockMonthlyFact(models.Model):
    """期限统计月汇总: the sums of ClockDailyFact over one month (kept by the same job), so that a
    year costs twelve rows per agency and rule; the days of a period's partial months are read
    from the daily rows."""

    month = models.DateField(_("月份"))
    agency_id = models.BigIntegerField(_("机关"))
    rule = models.CharField(_("规则"), max_length=60)
    finished = models.PositiveIntegerField(_("办结数"), default=0)
    on_time = models.PositiveIntegerField(_("按期办结数"), default=0)
    workdays = models.JSONField(_("办理工作日分布"), default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "agency_id", "rule"], name="uniq_clock_month_fact"
            )
        ]
        verbose_name = _("期限统计月汇总")
        verbose_name_plural = verbose_name


class ClockPeriodFact(models.Model):
    """期限统计期间汇总: the daily and monthly facts summed over one period that pages ask for
    often (the board's presets, which are also the assessment years), stored by the same job
    for every period registered in stats.PERIOD_SOURCES, so that such a page reads one row per
    agency and rule. Read only while the period's ClockFactState row ("period:<start>:<end>")
    carries the daily facts' current stamp."""

    start = models.DateField(_("起始日"))
    end = models.DateField(_("截止日"))
    agency_id = models.BigIntegerField(_("机关"))
    rule = models.CharField(_("规则"), max_length=60)
    finished = models.PositiveIntegerField(_("办结数"), default=0)
    on_time = models.PositiveIntegerField(_("按期办结数"), default=0)
    workdays = models.JSONField(_("办理工作日分布"), default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["start", "end", "agency_id", "rule"], name="uniq_clock_period_fact"
            )
        ]
        verbose_name = _("期限统计期间汇总")
        verbose_name_plural = verbose_name
