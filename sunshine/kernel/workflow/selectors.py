"""Reads for workflow UIs: which buttons to show a user, and an object's history."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from sunshine.kernel.access.policy import can

from .definitions import Transition, workflow_of
from .models import TransitionLog
from .services import check_transition


@dataclass(frozen=True)
class AvailableTransition:
    """A transition the user may apply in the object's state. `blocked_by` holds the guards'
    messages when a condition is not met yet (show the button disabled, with the reason)."""

    transition: Transition
    blocked_by: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.transition.name

    @property
    def label(self) -> str:
        return str(self.transition.label or self.transition.name)

    @property
    def requires_comment(self) -> bool:
        return self.transition.requires_comment

    @property
    def allowed(self) -> bool:
        return not self.blocked_by


def available_transitions(obj, user) -> list[AvailableTransition]:
    """The transitions out of the object's current state that `user` holds the permission
    for, in declaration order, each with the reasons (if any) its guards give now."""
    wf = workflow_of(obj)
    state = str(getattr(obj, wf.state_field))
    result = []
    for t in wf.transitions_from(state):
        if not can(user, t.action, obj):
            continue
        try:
            check_transition(obj, t, wf=wf, state=state, actor=user, probe=True)
        except ValidationError as exc:
            result.append(AvailableTransition(t, list(exc.messages)))
        else:
            result.append(AvailableTransition(t))
    return result


def history(obj) -> QuerySet[TransitionLog]:
    """The object's transitions, oldest first (who, when, from, to, comment)."""
    return (
        TransitionLog.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
        .select_related("actor")
        .order_by("at", "id")
    )
