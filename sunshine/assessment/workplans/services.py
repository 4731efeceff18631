"""Writes of 政务公开工作计划. Each act is one transaction with its audit event; permissions
through the kernel access policy.

- `open_round` (the general office: "workplans.manage_round", a global role): a yearly round
  with a due date; one plan per agency named, each on a kernel deadline clock
  ("workplans.submit", calendar days to the due date) that the deadlines sweep turns due-soon
  (5 days before) and overdue, alerting the agency's staff (kernel notify); the agencies are
  told at once.
  The clocks end on the due date, or — when the office picks a day that is not a working day
  of the official calendar — on the first working day after it (the rule of 民法典 Art. 203 for
  a period ending on a holiday).
- `attach_document`, `add_task`, `submit_plan` (the agency's 公开办 / administrator,
  "workplans.edit" on the agency): the plan document (kernel files) and its tasks, each with an
  owner (a staff member of the agency) and a 完成期限 on a "workplans.task" clock. Submitting
  needs the document and at least one task; it stops the clock and records whether it was
  late. Tasks can still be added after submission (the plan is a living list).
- `complete_task` (the owner, or the agency's editors): stops the task's clock.
- `remind` (the general office): a notice to every agency that has not submitted.
- `follow_up` (督查): a kernel 督办 order on a plan or a task — the same mechanism and pages as
  every other 督办 (/workbench/oversight/)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import can, require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.ratings.text import clean_text

from . import rules
from .choices import MAX_TASKS, NOTE_MAX, TITLE_MAX, PlanState, TaskState
from .models import PlanRound, PlanTask, WorkPlan

EVENT_OPENED = "clock.workplans.opened"
EVENT_REMIND = "clock.workplans.remind"
EVENT_TASK = "clock.workplans.task"
EVENT_SUBMITTED = "workplans.submitted"


def _date(value, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise ValidationError({field: _("请填写有效日期（YYYY-MM-DD）。")}) from None


def effective_due(day: dt.date) -> dt.date:
    """`day`, or the first working day after it when it is a weekend or holiday."""
    from sunshine.kernel.workcalendar.calendar import current_calendar

    cal = current_calendar()
    while not cal.is_workday(day):
        day += dt.timedelta(days=1)
    return day


def _start(obj, rule: str, agency, last_day: dt.date, actor):
    """A clock on `obj` running from now to the end of `last_day` (calendar days)."""
    from sunshine.kernel.deadlines.services import start_clock

    today = clock.today()
    return start_clock(
        obj=obj,
        rule=rule,
        agency=agency,
        start=clock.now(),
        actor=actor,
        length=max((last_day - today).days, 0),
    )


def _stop(clock_obj, actor, outcome: str) -> None:
    from sunshine.kernel.deadlines.models import Clock
    from sunshine.kernel.deadlines.services import stop_clock

    if clock_obj is not None and clock_obj.state != Clock.State.STOPPED:
        stop_clock(clock=clock_obj, actor=actor, outcome=outcome, authorize=False)


def editors_of(agency) -> list:
    """The agency's staff who write its plan (公开办, 单位管理员)."""
    from sunshine.kernel.accounts.models import User
    from sunshine.kernel.accounts.roles import Role

    return list(
        User.objects.filter(
            grants__agency=agency,
            grants__role__in=[Role.DISCLOSURE_OFFICER, Role.AGENCY_ADMIN],
            is_active=True,
            kind=User.Kind.STAFF,
        ).distinct()
    )


def default_agencies():
    """Every active agency below the top level except the general offices themselves."""
    from sunshine.kernel.orgs.models import Agency

    return Agency.objects.filter(is_active=True, depth__gte=1).exclude(kind=Agency.Kind.OFFICE)


@transaction.atomic
def open_round(*, actor, year, due_date, title="", note="", agencies=None) -> PlanRound:
    from sunshine.kernel.notify.services import notify

    if not can(actor, "workplans.manage_round", None):
        raise PermissionDenied(_("年度工作计划的报送由省政府办公厅组织。"))
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": _("请填写年度，例如 2026。")}) from None
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("年度应在 2000 至 2100 之间。")})
    if PlanRound.objects.filter(year=year).exists():
        raise ValidationError({"year": _("%(y)s 年度的工作计划报送已经发起。") % {"y": year}})
    due = _date(due_date, "due_date")
    today = clock.today()
    if due <= today:
        raise ValidationError({"due_date": _("报送截止日期应晚于今天。")})
    title = clean_text(
        title or _("%(y)s年度政务公开工作计划") % {"y": year},
        field="title",
        label=_("名称"),
        max_length=TITLE_MAX,
        required=True,
    )
    note = clean_text(note, field="note", label=_("报送要求"), max_length=NOTE_MAX)
    agencies = list(default_agencies() if agencies is None else agencies)
    if not agencies:
        raise ValidationError({"agencies": _("请选择需要报送的机关。")})
    last_day = effective_due(due)
    round_ = PlanRound.objects.create(
        year=year,
        title=title,
        due_date=due,
        effective_due=last_day,
        note=note,
        opened_by=actor,
        opened_at=clock.now(),
    )
    for agency in agencies:
        plan = WorkPlan.objects.create(round=round_, agency=agency)
        plan.clock = _start(plan, rules.SUBMIT, agency, last_day, actor)
        plan.save(update_fields=["clock"])
        notify(
            event=EVENT_OPENED,
            recipients=editors_of(agency),
            subject=_("请报送%(title)s") % {"title": title},
            body=_("请于 %(due)s 前报送本机关%(title)s（计划文件及任务清单）。%(note)s")
            % {"due": f"{last_day:%Y-%m-%d}", "title": title, "note": note},
            obj=plan,
            url=plan.get_absolute_url(),
        )
    record_event(
        action="workplans.round.open",
        actor=actor,
        obj=round_,
        agency=getattr(actor, "agency", None),
        summary=title,
        data={"agencies": [a.pk for a in agencies]},
        after={"due_date": due.isoformat(), "effective_due": last_day.isoformat()},
    )
    return round_


def _lock(obj) -> None:
    obj.refresh_from_db(from_queryset=type(obj).objects.select_for_update())


@transaction.atomic
def attach_document(*, actor, plan: WorkPlan, uploaded_file):
    """The plan document (PDF, DOCX…: kernel files checks its type and size)."""
    from sunshine.kernel.files.services import store_attachment

    require(actor, "workplans.edit", plan)
    attachment = store_attachment(owner=plan, uploaded_file=uploaded_file, actor=actor)
    record_event(
        action="workplans.plan.attach",
        actor=actor,
        obj=plan,
        summary=attachment.original_name[:300],
    )
    return attachment


def _check_owner(plan: WorkPlan, owner) -> None:
    if owner is None or not owner.is_government_staff or not owner.is_active:
        raise ValidationError({"owner": _("责任人应为在职的工作人员。")})
    if owner.agency_id is None or not owner.agency.is_within(plan.agency):
        raise ValidationError({"owner": _("责任人应为本机关的工作人员。")})


@transaction.atomic
def add_task(*, actor, plan: WorkPlan, title, owner, due_date) -> PlanTask:
    from sunshine.kernel.notify.services import notify

    require(actor, "workplans.edit", plan)
    title = clean_text(title, field="title", label=_("任务"), max_length=TITLE_MAX, required=True)
    _check_owner(plan, owner)
    due = _date(due_date, "due_date")
    if due < clock.today():
        raise ValidationError({"due_date": _("完成期限不能早于今天。")})
    if due.year > plan.round.year + 1:
        raise ValidationError(
            {"due_date": _("完成期限应在 %(y)s 年底前。") % {"y": plan.round.year + 1}}
        )
    if plan.tasks.count() >= MAX_TASKS:
        raise ValidationError(_("一份计划最多 %(n)s 项任务。") % {"n": MAX_TASKS})
    task = PlanTask.objects.create(
        plan=plan,
        agency=plan.agency,
        title=title,
        owner=owner,
        due_date=due,
        created_at=clock.now(),
    )
    task.clock = _start(task, rules.TASK, plan.agency, due, actor)
    task.save(update_fields=["clock"])
    record_event(
        action="workplans.task.add",
        actor=actor,
        obj=task,
        summary=title,
        after={"owner": owner.pk, "due_date": due.isoformat()},
    )
    notify(
        event=EVENT_TASK,
        recipients=[owner],
        subject=_("工作计划任务：%(title)s") % {"title": title},
        body=_("您是该任务的责任人，完成期限 %(due)s。") % {"due": f"{due:%Y-%m-%d}"},
        obj=task,
        url=task.get_absolute_url(),
    )
    return task


@transaction.atomic
def submit_plan(*, actor, plan: WorkPlan, summary="", uploaded_file=None) -> WorkPlan:
    from sunshine.kernel.files.selectors import attachments_for
    from sunshine.kernel.notify.services import notify

    require(actor, "workplans.edit", plan)
    _lock(plan)
    if plan.state != PlanState.PENDING:
        raise ValidationError(_("该计划已报送。"))
    summary = clean_text(summary, field="summary", label=_("计划要点"), max_length=NOTE_MAX)
    if uploaded_file is not None:
        attach_document(actor=actor, plan=plan, uploaded_file=uploaded_file)
    if not attachments_for(plan).exists():
        raise ValidationError({"document": _("请上传工作计划文件。")})
    if not plan.tasks.exists():
        raise ValidationError(_("请至少列出一项工作任务（责任人和完成期限）。"))
    now = clock.now()
    plan.state, plan.summary = PlanState.SUBMITTED, summary
    plan.submitted_by, plan.submitted_at = actor, now
    plan.late = bool(plan.clock_id and now > plan.clock.due_at)
    plan.save()
    _stop(plan.clock, actor, "late" if plan.late else "submitted")
    record_event(
        action="workplans.plan.submit",
        actor=actor,
        obj=plan,
        summary=summary[:300],
        before={"state": PlanState.PENDING},
        after={"state": plan.state, "late": plan.late},
    )
    notify(
        event=EVENT_SUBMITTED,
        recipients=[plan.round.opened_by],
        subject=_("%(agency)s已报送%(title)s")
        % {"agency": plan.agency.name, "title": plan.round.title},
        body=_("逾期报送。") if plan.late else _("按时报送。"),
        obj=plan,
        url=plan.get_absolute_url(),
    )
    return plan


@transaction.atomic
def complete_task(*, actor, task: PlanTask, result="") -> PlanTask:
    require(actor, "workplans.task_done", task)
    _lock(task)
    if task.state == TaskState.DONE:
        raise ValidationError(_("该任务已完成。"))
    result = clean_text(
        result, field="result", label=_("完成情况"), max_length=NOTE_MAX, required=True
    )
    task.state, task.result = TaskState.DONE, result
    task.done_by, task.done_at = actor, clock.now()
    task.save()
    late = bool(task.clock_id and task.done_at > task.clock.due_at)
    _stop(task.clock, actor, "late" if late else "done")
    record_event(
        action="workplans.task.done",
        actor=actor,
        obj=task,
        summary=result[:300],
        before={"state": TaskState.OPEN},
        after={"state": task.state, "late": late},
    )
    return task


@transaction.atomic
def remind(*, actor, round_: PlanRound) -> int:
    """Tell every agency of the round that has not submitted; returns how many were told."""
    from sunshine.kernel.notify.services import notify

    if not can(actor, "workplans.manage_round", None):
        raise PermissionDenied(_("催报由省政府办公厅发出。"))
    due = round_.effective_due
    told = 0
    for plan in round_.plans.filter(state=PlanState.PENDING).select_related("agency"):
        notify(
            event=EVENT_REMIND,
            recipients=editors_of(plan.agency),
            subject=_("催报：%(title)s") % {"title": round_.title},
            body=_("本机关尚未报送%(title)s，截止日期 %(due)s。")
            % {"title": round_.title, "due": f"{due:%Y-%m-%d}"},
            obj=plan,
            url=plan.get_absolute_url(),
        )
        told += 1
    record_event(
        action="workplans.round.remind",
        actor=actor,
        obj=round_,
        agency=getattr(actor, "agency", None),
        summary=round_.title,
        data={"agencies": told},
    )
    return told


def follow_up(*, actor, target, reason: str, response_days=None):
    """督查: a kernel 督办 order on a plan (kind "workplan") or a task ("workplan_task")."""
    from sunshine.kernel.duban.services import issue_order

    kind = "workplan_task" if isinstance(target, PlanTask) else "workplan"
    return issue_order(
        target=target, actor=actor, reason=reason, response_days=response_days, kind=kind
    )
