"""After the decision: 执行 (Arts. 34–35: the executing units carry it out and report on it)
as tasks with progress reports, and the 决策后评估 (Art. 36) on its clock (rule
decision.evaluation, started at publication)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.kernel.deadlines.services import stop_clock

from .choices import TITLE_MAX, DecisionState, TaskStatus
from .indexing import index_decision
from .models import Decision, ExecutionTask, ProgressReport
from .rules import EVALUATION
from .services import _clean_text

EXECUTABLE = (DecisionState.DECIDED, DecisionState.PUBLISHED)


@transaction.atomic
def add_task(
    *, actor, decision: Decision, title: str, agency, due_date: dt.date | None = None
) -> ExecutionTask:
    require(actor, "decision.manage", decision)
    if decision.state not in EXECUTABLE:
        raise ValidationError(_("决定作出后才能安排执行任务。"))
    errors: dict = {}
    title = _clean_text(errors, "title", title, required=True, limit=TITLE_MAX)
    if agency is None:
        errors["agency"] = _("请选择执行单位。")
    if errors:
        raise ValidationError(errors)
    task = ExecutionTask.objects.create(
        decision=decision, title=title, agency=agency, due_date=due_date, updated_at=clock.now()
    )
    record_event(
        action="decision.task_add",
        actor=actor,
        obj=decision,
        summary=title,
        data={"task": task.pk, "agency": agency.pk},
    )
    return task


@transaction.atomic
def report_progress(
    *, actor, task: ExecutionTask, percent: int, status: str, note: str, evidence: str = ""
) -> ProgressReport:
    """A progress report (进度、状态、情况、佐证材料); the task shows the latest. 100 % and 已完成
    go together."""
    require(actor, "decision.manage", task.decision)
    errors: dict = {}
    try:
        percent = int(percent)
    except (TypeError, ValueError):
        percent = -1
    if not 0 <= percent <= 100:
        errors["percent"] = _("完成进度应为0到100之间的整数。")
    if status not in TaskStatus.values:
        errors["status"] = _("状态无效。")
    elif status == TaskStatus.DONE and percent != 100:
        errors["status"] = _("进度未达100%，不能标记为已完成。")
    elif status != TaskStatus.DONE and percent == 100:
        errors["percent"] = _("进度为100%时，状态应为已完成。")
    note = _clean_text(errors, "note", note, required=True, limit=5000)
    evidence = _clean_text(errors, "evidence", evidence, limit=5000)
    if errors:
        raise ValidationError(errors)
    task = ExecutionTask.objects.select_for_update().get(pk=task.pk)
    at = clock.now()
    report = ProgressReport.objects.create(
        task=task, percent=percent, status=status, note=note, evidence=evidence, actor=actor, at=at
    )
    task.percent, task.status, task.updated_at = percent, status, at
    if evidence:
        task.evidence = evidence
    task.save(update_fields=["percent", "status", "evidence", "updated_at"])
    record_event(
        action="decision.task_progress",
        actor=actor,
        obj=task.decision,
        summary=f"{task.title} {percent}%",
        data={"task": task.pk, "percent": percent, "status": status},
    )
    return report


def evaluation_clock(decision: Decision):
    return clocks_for(decision).filter(rule=EVALUATION).order_by("-started_at").first()


@transaction.atomic
def record_evaluation(*, actor, decision: Decision, report: str) -> Decision:
    """决策后评估报告 (Art. 36); stops the evaluation clock."""
    require(actor, "decision.manage", decision)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state != DecisionState.PUBLISHED:
        raise ValidationError(_("决策公布后才能进行决策后评估。"))
    errors: dict = {}
    report = _clean_text(errors, "report", report, required=True)
    if errors:
        raise ValidationError(errors)
    decision.evaluation_report, decision.evaluated_at = report, clock.now()
    decision.save(update_fields=["evaluation_report", "evaluated_at", "updated_at"])
    running = evaluation_clock(decision)
    if running is not None and running.is_open:
        stop_clock(clock=running, actor=actor, outcome=_("已完成决策后评估"), authorize=False)
    record_event(action="decision.evaluate", actor=actor, obj=decision, summary=report[:300])
    index_decision(decision)
    return decision
