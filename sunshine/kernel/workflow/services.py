"""Applying a transition: one transaction that checks the permission, the source state (read
under a row lock, so two people pressing the same button cannot both succeed), the comment and
the guards; then sets the state (and any fields the calling service changes with it), saves,
writes the TransitionLog row and the audit event; then runs the follow-ups other modules
registered with `Workflow.on_transition`, still inside the transaction."""

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event

from .definitions import Transition, TransitionContext, Workflow, workflow_of
from .models import TransitionLog


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def _locked_state(obj, wf: Workflow) -> str:
    """The state as stored, read under a row lock (the in-memory object may be stale)."""
    manager = type(obj)._default_manager
    stored = (
        manager.select_for_update().filter(pk=obj.pk).values_list(wf.state_field, flat=True).first()
    )
    if stored is None:
        raise ValueError(f"{type(obj).__name__} {obj.pk!r} is not saved")
    return str(stored)


def _auto_now_fields(obj) -> list[str]:
    return [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]


def check_transition(
    obj,
    transition: Transition,
    *,
    wf: Workflow,
    state: str,
    actor,
    comment: str = "",
    data: dict | None = None,
    probe: bool = False,
) -> None:
    """Raise ValidationError when `transition` may not be applied in `state` (permission is
    checked by the caller)."""
    if not transition.leaves(state):
        raise ValidationError(
            _("当前状态为“%(state)s”，不能执行“%(action)s”。")
            % {"state": wf.state_label(state), "action": transition.label or transition.name}
        )
    if transition.requires_comment and not probe and not comment:
        raise ValidationError({"comment": _("请填写意见或理由。")})
    context = TransitionContext(
        workflow=wf,
        transition=transition,
        actor=actor,
        from_state=state,
        comment=comment,
        data=dict(data or {}),
        probe=probe,
    )
    for guard in wf.guards_for(transition):
        guard(obj, context)


@transaction.atomic
def transition(
    *,
    obj,
    name: str,
    actor,
    comment: str = "",
    data: dict | None = None,
    set_fields: dict[str, Any] | None = None,
    authorize: bool = True,
) -> TransitionLog:
    """Apply the transition `name` of the object's workflow.

    - `actor=None` is the system (a scheduled task); then pass `authorize=False`, as the
      calling service must when it has checked its own act.
    - `set_fields`: other fields the calling service changes together with the state (e.g. the
      publication date); they are saved in the same UPDATE and appear in the audit snapshots.
    - `data`: extra JSON facts kept on the log row and the audit event.
    Raises PermissionDenied, or ValidationError with a clear message."""
    wf = workflow_of(obj)
    t = wf.get(name)
    if authorize:
        require(actor, t.action, obj)
    comment = (comment or "").strip()
    current = _locked_state(obj, wf)
    setattr(obj, wf.state_field, current)
    check_transition(obj, t, wf=wf, state=current, actor=actor, comment=comment, data=data)

    target = t.target_from(current)
    changes = dict(set_fields or {})
    before = {wf.state_field: current, **{f: getattr(obj, f) for f in changes}}
    setattr(obj, wf.state_field, target)
    for field_name, value in changes.items():
        setattr(obj, field_name, value)
    obj.save(update_fields=[wf.state_field, *changes, *_auto_now_fields(obj)])
    after = {wf.state_field: target, **{f: getattr(obj, f) for f in changes}}

    facts = _jsonable(data or {})
    event = record_event(
        action=wf.audit_action(t),
        actor=actor,
        obj=obj,
        summary=f"{wf.state_label(current)} → {wf.state_label(target)} {comment}".strip(),
        data={"transition": t.name, "from": current, "to": target, "comment": comment, **facts},
        before=_jsonable(before),
        after=_jsonable(after),
    )
    log = TransitionLog.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        agency=getattr(obj, "agency", None),
        workflow=wf.name,
        transition=t.name,
        from_state=current,
        to_state=target,
        actor=actor if getattr(actor, "pk", None) else None,
        comment=comment,
        data=facts,
        at=event.at if event is not None else clock.now(),
        audit_event=event,
    )
    for handler in wf.handlers_for(t):
        handler(obj, log)
    return log
