"""Deadline rules of 政务公开工作计划 (kernel deadlines, declared in the feature manifest). Both
count calendar days to a date someone set (the general office's due date, a task's 完成期限):
each clock is started with its own length (start_clock(length=…)), so the rule's length is
only a placeholder; `due_soon` (days before the due day when the reminder goes out) can be
changed per province in settings.DEADLINE_RULES."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.deadlines.rules import DAYS, rule

SUBMIT = "workplans.submit"
TASK = "workplans.task"

RULES = (
    # 粤府办 notice (2016-12-12): 各部门…制定本部门阳光政务建设工作方案…报省府办公厅 by the date
    # the general office sets.
    rule(SUBMIT, DAYS, 30, due_soon=5, label=_("报送年度工作计划"), basis="省府办公厅通知"),
    rule(TASK, DAYS, 30, due_soon=5, label=_("工作计划任务")),
)
