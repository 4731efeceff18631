"""Writes to deadline clocks. Each act is one transaction: permission, state change, a
ClockEvent (kept forever) and an audit event.

Starting a clock needs no permission of its own (the domain service that starts it checked
its act). Pausing, resuming and stopping check "clock.pause" / "clock.stop" unless the calling
domain service passes `authorize=False` because it has checked its own act (an applicant's
补正 resumes the clock); `actor=None` is the system."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock as time_source
from sunshine.kernel.access.policy import can, require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.workcalendar.calendar import WorkCalendar, current_calendar

from . import engine
from .models import Clock, ClockAlert, ClockEvent
from .rules import find_rule, get_rule
from .selectors import (
    clocks_for,  # noqa: F401  (part of the engine's public interface)
    due_soon_threshold,
)

OPEN_STATES = [Clock.State.RUNNING, Clock.State.PAUSED]


def _iso(value: dt.datetime | None) -> str | None:
    """Local time, so that equal instants always give the same text."""
    return timezone.localtime(value).isoformat() if value else None


def _snapshot(clock: Clock) -> dict:
    return {
        "rule": clock.rule,
        "state": clock.state,
        "urgency": clock.urgency,
        "due_at": _iso(clock.due_at),
        "provisional": clock.provisional,
        "extension_total": clock.extension_total,
        "paused_total": clock.paused_total,
    }


def _event(clock: Clock, kind: str, *, actor=None, **fields) -> ClockEvent:
    actor = actor if getattr(actor, "pk", None) else None
    return ClockEvent.objects.create(
        clock=clock, kind=kind, at=time_source.now(), actor=actor, **fields
    )


def current_urgency(clock: Clock, cal: WorkCalendar, at: dt.datetime | None = None) -> str:
    """The urgency a running clock has now; paused and stopped clocks keep theirs."""
    if clock.state != Clock.State.RUNNING:
        return clock.urgency
    return engine.urgency_at(
        cal,
        unit=clock.unit,
        due_at=clock.due_at,
        at=at or time_source.now(),
        threshold=due_soon_threshold(clock.rule),
    )


def _refresh_urgency(clock: Clock, cal: WorkCalendar, *, actor=None, save=False) -> bool:
    """Set the urgency; a change is a ClockEvent. Returns whether it changed."""
    new = current_urgency(clock, cal)
    if new == clock.urgency:
        return False
    _event(clock, ClockEvent.Kind.STATE, actor=actor, data={"from": clock.urgency, "to": new})
    clock.urgency = new
    if save:
        clock.save(update_fields=["urgency", "updated_at"])
    return True


def _apply_due(clock: Clock, cal: WorkCalendar) -> None:
    due = engine.compute_due(
        cal,
        unit=clock.unit,
        started_at=clock.started_at,
        length=clock.total_length,
        pauses=clock.pauses,
    )
    clock.due_at, clock.provisional, clock.paused_total = (
        due.due_at,
        due.provisional,
        due.paused_total,
    )


def _save_moved(
    clock: Clock,
    cal: WorkCalendar,
    *,
    kind: str,
    action: str,
    actor,
    before: dict,
    data: dict,
    reason: str = "",
    audit_data: dict | None = None,
    **event_fields,
) -> None:
    """The steps every act that moves a due date ends with: save, the clock event, the urgency
    it now has (an event if it changed) and the audit row."""
    clock.save()
    _event(clock, kind, actor=actor, reason=reason[:300], data=data, **event_fields)
    _refresh_urgency(clock, cal, actor=actor, save=True)
    record_event(
        action=action,
        actor=actor,
        obj=clock,
        summary=reason[:300],
        data=audit_data,
        before=before,
        after=_snapshot(clock),
    )


def _lock(clock: Clock) -> None:
    clock.refresh_from_db(from_queryset=Clock.objects.select_for_update())


def _require_open(clock: Clock) -> None:
    if clock.state == Clock.State.STOPPED:
        raise ValidationError(_("该期限已结束，不能再操作。"))


@transaction.atomic
def start_clock(
    *,
    obj,
    rule: str,
    agency=None,
    start: dt.datetime | dt.date | None = None,
    actor=None,
    length: int | None = None,
) -> Clock:
    """Start `rule` on `obj`: due = start + N units, counted from the day after the start.
    `length` (in the rule's unit) replaces the rule's N for this clock only, for limits set per
    object (a service item's 承诺时限, a 督办 with its own response time)."""
    definition = get_rule(rule)
    if length is not None and length < 0:
        raise ValueError("a clock's length cannot be negative")
    agency = agency or getattr(obj, "agency", None)
    if agency is None:
        raise ValueError("a clock needs an agency: pass agency= or give the object .agency")
    if start is None:
        start = time_source.now()
    elif not isinstance(start, dt.datetime):
        start = timezone.make_aware(dt.datetime.combine(start, dt.time(0, 0)))
    content_type = ContentType.objects.get_for_model(obj)
    if Clock.objects.filter(
        content_type=content_type, object_id=obj.pk, rule=rule, state__in=OPEN_STATES
    ).exists():
        raise ValidationError(_("该事项已有未结束的同类期限。"))
    cal = current_calendar()
    clock = Clock(
        content_type=content_type,
        object_id=obj.pk,
        agency=agency,
        rule=rule,
        unit=definition.unit,
        length=definition.length if length is None else length,
        started_at=start,
        pauses=[],
    )
    _apply_due(clock, cal)
    clock.urgency = current_urgency(clock, cal)
    clock.save()
    _event(clock, ClockEvent.Kind.START, actor=actor, data={"due_at": _iso(clock.due_at)})
    record_event(
        action="clock.start",
        actor=actor,
        obj=clock,
        agency=agency,
        summary=f"{definition.label} {clock.due_at:%Y-%m-%d}",
        data={"rule": rule, "object": f"{content_type.app_label}.{content_type.model}:{obj.pk}"},
        after=_snapshot(clock),
    )
    return clock


@transaction.atomic
def pause_clock(*, clock: Clock, actor, reason: str, authorize: bool = True) -> Clock:
    """Stop the count (补正, third-party consultation, fee payment, expert review)."""
    if authorize and actor is not None:
        require(actor, "clock.pause", clock)
    _lock(clock)
    if clock.state != Clock.State.RUNNING:
        raise ValidationError(_("期限不在计时中，无法暂停。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请填写暂停原因。"))
    before, at = _snapshot(clock), time_source.now()
    clock.pauses = [*clock.pauses, {"from": at.isoformat(), "to": None, "reason": reason[:200]}]
    clock.state, clock.paused_at, clock.pause_reason = Clock.State.PAUSED, at, reason[:200]
    clock.save()
    _event(clock, ClockEvent.Kind.PAUSE, actor=actor, reason=reason[:300])
    record_event(
        action="clock.pause",
        actor=actor,
        obj=clock,
        summary=reason[:300],
        before=before,
        after=_snapshot(clock),
    )
    return clock


def _close_pause(clock: Clock, at: dt.datetime) -> None:
    pauses = [dict(p) for p in clock.pauses]
    if pauses and not pauses[-1].get("to"):
        pauses[-1]["to"] = at.isoformat()
    clock.pauses = pauses
    clock.paused_at, clock.pause_reason = None, ""


@transaction.atomic
def resume_clock(
    *, clock: Clock, actor, authorize: bool = True, at: dt.datetime | None = None
) -> Clock:
    """Restart the count; the working days spent paused move the due date. `at` (not in the
    future, not before the pause) ends the pause at an earlier moment: a pause that ended by
    itself (a third party's 15 wd ran out) and was noticed later by the sweep."""
    if authorize and actor is not None:
        require(actor, "clock.pause", clock)
    _lock(clock)
    if clock.state != Clock.State.PAUSED:
        raise ValidationError(_("期限未暂停，无需恢复。"))
    now = time_source.now()
    if at is not None and (at > now or (clock.paused_at and at < clock.paused_at)):
        raise ValueError("a pause ends between its start and now")
    before, at, cal = _snapshot(clock), at or now, current_calendar()
    paused_before = clock.paused_total
    _close_pause(clock, at)
    clock.state = Clock.State.RUNNING
    _apply_due(clock, cal)
    _save_moved(
        clock,
        cal,
        kind=ClockEvent.Kind.RESUME,
        action="clock.resume",
        actor=actor,
        before=before,
        amount=clock.paused_total - paused_before,
        data={"due_at_before": before["due_at"], "due_at": _iso(clock.due_at)},
    )
    return clock


@transaction.atomic
def amend_pause_end(
    *, clock: Clock, actor, at: dt.datetime, reason: str, authorize: bool = True
) -> Clock:
    """Move the end of the clock's last (closed) pause to an earlier moment `at`: the event
    that ended it is now known to have come earlier (a third party's answer that arrived in
    time but was registered after the pause had ended by itself). The due date moves back."""
    if authorize and actor is not None:
        require(actor, "clock.pause", clock)
    _lock(clock)
    _require_open(clock)
    pauses = [dict(p) for p in clock.pauses]
    if not pauses or not pauses[-1].get("to"):
        raise ValidationError(_("该期限没有已结束的暂停。"))
    begin, end = (dt.datetime.fromisoformat(pauses[-1][k]) for k in ("from", "to"))
    if not begin <= at <= end:
        raise ValueError("the amended end lies between the pause's start and its recorded end")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请填写原因。"))
    before, cal = _snapshot(clock), current_calendar()
    pauses[-1]["to"] = at.isoformat()
    clock.pauses = pauses
    _apply_due(clock, cal)
    _save_moved(
        clock,
        cal,
        kind=ClockEvent.Kind.RECOMPUTE,
        action="clock.amend_pause",
        actor=actor,
        before=before,
        reason=reason,
        data={"pause_end_before": _iso(end), "pause_end": _iso(at), "due_at": _iso(clock.due_at)},
    )
    return clock


@transaction.atomic
def restart_clock(
    *, clock: Clock, actor, start: dt.datetime | dt.date, reason: str, authorize: bool = True
) -> Clock:
    """Count the whole period again from `start` (a new start event, e.g. 条例 Art. 30: after
    补正 the reply period runs from the day the corrected application is received). Earlier
    pauses no longer matter and are kept in the event; extensions stay granted."""
    if authorize and actor is not None:
        require(actor, "clock.pause", clock)
    _lock(clock)
    _require_open(clock)
    if not isinstance(start, dt.datetime):
        start = timezone.make_aware(dt.datetime.combine(start, dt.time(0, 0)))
    if start > time_source.now():
        raise ValidationError(_("重新起算的日期不能晚于今天。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请填写重新起算的原因。"))
    before, cal = _snapshot(clock), current_calendar()
    earlier = {"started_at": _iso(clock.started_at), "pauses": clock.pauses}
    clock.started_at, clock.pauses = start, []
    clock.paused_at, clock.pause_reason = None, ""
    clock.state = Clock.State.RUNNING
    _apply_due(clock, cal)
    _save_moved(
        clock,
        cal,
        kind=ClockEvent.Kind.RESTART,
        action="clock.restart",
        actor=actor,
        before=before,
        reason=reason,
        data={"before": earlier, "due_at_before": before["due_at"], "due_at": _iso(clock.due_at)},
    )
    return clock


@transaction.atomic
def extend_clock(*, clock: Clock, actor, approver, length: int, reason: str) -> Clock:
    """Add `length` units, approved by `approver` (条例 Art. 33: one extension ≤ 20 wd for
    FOI replies; the rule's max_extensions / max_extension_length say so)."""
    require(actor, "clock.extend", clock)
    if approver is None or not can(approver, "clock.extend", clock):
        raise ValidationError(_("批准人无权批准该期限延期。"))
    _lock(clock)
    _require_open(clock)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请填写延期理由。"))
    if length is None or length <= 0:
        raise ValidationError(_("延期数量应为正整数。"))
    rule = find_rule(clock.rule)
    if rule is not None and rule.max_extensions is not None:
        if clock.extension_count >= rule.max_extensions:
            raise ValidationError(
                _("该期限最多可延期 %(n)s 次，已不能再延期。") % {"n": rule.max_extensions}
            )
    if rule is not None and rule.max_extension_length is not None:
        if length > rule.max_extension_length:
            raise ValidationError(
                _("每次延期不得超过 %(n)s%(unit)s。")
                % {"n": rule.max_extension_length, "unit": rule.unit_label}
            )
    before, cal = _snapshot(clock), current_calendar()
    clock.extension_total += length
    clock.extension_count += 1
    _apply_due(clock, cal)
    _save_moved(
        clock,
        cal,
        kind=ClockEvent.Kind.EXTEND,
        action="clock.extend",
        actor=actor,
        before=before,
        reason=reason,
        approver=approver,
        amount=length,
        data={"due_at_before": before["due_at"], "due_at": _iso(clock.due_at)},
        audit_data={
            "length": length,
            "unit": clock.unit,
            "approver": getattr(approver, "pk", None),
        },
    )
    return clock


@transaction.atomic
def stop_clock(*, clock: Clock, actor, outcome: str = "", authorize: bool = True) -> Clock:
    """The act is done (reply sent, published...): stop and record whether it was on time."""
    if authorize and actor is not None:
        require(actor, "clock.stop", clock)
    _lock(clock)
    _require_open(clock)
    before, at, cal = _snapshot(clock), time_source.now(), current_calendar()
    if clock.state == Clock.State.PAUSED:
        _close_pause(clock, at)
        _apply_due(clock, cal)
    clock.state, clock.stopped_at, clock.outcome = Clock.State.STOPPED, at, outcome[:200]
    clock.met_deadline = at <= clock.due_at
    clock.save()
    _event(
        clock,
        ClockEvent.Kind.STOP,
        actor=actor,
        reason=outcome[:300],
        data={"met_deadline": clock.met_deadline},
    )
    record_event(
        action="clock.stop",
        actor=actor,
        obj=clock,
        summary=outcome[:300],
        before=before,
        after=_snapshot(clock),
    )
    return clock


@transaction.atomic
def recompute_open_clocks(*, actor=None, reason: str = "") -> dict:
    """Recompute the due time of every open clock on the current calendar (after the holiday
    calendar was edited or imported). Each clock that moves gets an event and an audit row."""
    cal = current_calendar()
    open_count, changed = 0, 0
    for clock in Clock.objects.select_for_update().filter(state__in=OPEN_STATES).order_by("pk"):
        open_count += 1
        before = (clock.due_at, clock.provisional, clock.paused_total)
        snapshot = _snapshot(clock)
        _apply_due(clock, cal)
        moved = (clock.due_at, clock.provisional, clock.paused_total) != before
        if moved:
            clock.save()
            _event(
                clock,
                ClockEvent.Kind.RECOMPUTE,
                actor=actor,
                reason=reason[:300],
                data={"due_at_before": snapshot["due_at"], "due_at": _iso(clock.due_at)},
            )
            record_event(
                action="clock.recompute",
                actor=actor,
                obj=clock,
                summary=reason[:300],
                before=snapshot,
                after=_snapshot(clock),
            )
        urgency_changed = _refresh_urgency(clock, cal, actor=actor, save=True)
        changed += moved or urgency_changed
    return {"open_clocks": open_count, "clocks_changed": changed}


@transaction.atomic
def acknowledge_alert(*, alert: ClockAlert, actor) -> ClockAlert:
    require(actor, "clock.view", alert.clock)
    if alert.acknowledged:
        return alert
    alert.acknowledged, alert.acknowledged_by = True, actor
    alert.acknowledged_at = time_source.now()
    alert.save(update_fields=["acknowledged", "acknowledged_by", "acknowledged_at"])
    record_event(
        action="clock.alert_acknowledge",
        actor=actor,
        obj=alert.clock,
        data={"alert": alert.pk, "kind": alert.kind},
    )
    return alert
