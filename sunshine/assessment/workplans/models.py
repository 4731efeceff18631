"""政务公开工作计划: the general office opens a yearly round (年度) with a due date; each agency
named in it submits its plan (a document kept by kernel files, and its tasks); each task has an
owner and a due date, both on kernel deadline clocks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import NOTE_MAX, TITLE_MAX, PlanState, TaskState


class PlanRound(models.Model):
    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    title = models.CharField(_("名称"), max_length=TITLE_MAX)
    due_date = models.DateField(_("报送截止日期"))
    # The clocks' last day: due_date, or the first working day after it when it is not one.
    effective_due = models.DateField(_("实际截止日"))
    note = models.TextField(_("报送要求"), max_length=NOTE_MAX, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("工作计划报送")
        verbose_name_plural = _("工作计划报送")

    def __str__(self):
        return self.title


class WorkPlan(models.Model):
    round = models.ForeignKey(
        PlanRound, on_delete=models.PROTECT, related_name="plans", verbose_name=_("年度")
    )
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("机关")
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=PlanState.choices, default=PlanState.PENDING
    )
    summary = models.TextField(_("计划要点"), max_length=NOTE_MAX, blank=True)
    clock = models.ForeignKey(
        "deadlines.Clock", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    late = models.BooleanField(_("逾期报送"), default=False)

    State = PlanState

    class Meta:
        ordering = ["round", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["round", "agency"], name="workplans_one_per_agency")
        ]
        verbose_name = _("工作计划")
        verbose_name_plural = _("工作计划")

    def __str__(self):
        return f"{self.agency} {self.round.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("workbench:workplans_plan", args=[self.pk])


class PlanTask(models.Model):
    plan = models.ForeignKey(
        WorkPlan, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("工作计划")
    )
    agency = models.ForeignKey(
        "orgs.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("机关")
    )
    title = models.CharField(_("任务"), max_length=TITLE_MAX)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="workplan_tasks",
        verbose_name=_("责任人"),
    )
    due_date = models.DateField(_("完成期限"))
    clock = models.ForeignKey(
        "deadlines.Clock", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("状态"), max_length=10, choices=TaskState.choices, default=TaskState.OPEN
    )
    result = models.TextField(_("完成情况"), max_length=NOTE_MAX, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    created_at = models.DateTimeField()

    State = TaskState

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("计划任务")
        verbose_name_plural = _("计划任务")

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("workbench:workplans_plan", args=[self.plan_id]) + f"#task-{self.pk}"
