"""Declaring a workflow (流程): its states and its guarded transitions. Pure Python, no
database: the service in services.py applies a transition to an object.

    RECORD_WORKFLOW = Workflow(
        name="record",
        states=RecordState,                       # TextChoices or [(value, label), ...]
        initial=RecordState.DRAFT,
        transitions=[
            Transition("submit", "draft", "submitted", action="record.submit",
                       label=_("提交审核")),
            Transition("reject", ("submitted", "reviewed"), "draft", action="record.reject",
                       label=_("退回"), requires_comment=True),
            Transition("revise", "published", None, action="record.revise"),  # stays
        ],
    )

and the model points at it: `workflow = RECORD_WORKFLOW` (a class attribute), with its state
field `state = models.CharField(choices=RecordState.choices, default=RecordState.DRAFT)`.

A transition names the permission action that `access.policy.can(actor, action, obj)` checks
on the object. A guard is a callable `guard(obj, context)` that raises ValidationError with a
clear message when the transition may not happen now; other modules can add guards to a
declared workflow with `add_guard` (in their AppConfig.ready). A guard only checks; what must
happen because a transition happened (e.g. publishing a record's ready interpretations with
it) is a follow-up registered with `on_transition`."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sunshine.kernel.registry import Registry

_WORKFLOWS: Registry["Workflow"] = Registry("workflow")


class UnknownTransitionError(LookupError):
    pass


@dataclass(frozen=True)
class TransitionContext:
    """What a guard may look at besides the object."""

    workflow: "Workflow"
    transition: "Transition"
    actor: Any
    from_state: str
    comment: str = ""
    data: dict = field(default_factory=dict)
    probe: bool = False  # True when asked by available_transitions (nothing will change)


Guard = Callable[[Any, TransitionContext], None]
# A follow-up `handler(obj, log)`: run by services.transition inside the transaction, after the
# new state is saved and the TransitionLog row (`log`: actor, at, comment, data) is written.
Handler = Callable[[Any, Any], None]


@dataclass(frozen=True)
class Transition:
    """One move: from any of `source` to `target` (None: the state stays, e.g. a revision)."""

    name: str
    source: str | tuple[str, ...]
    target: str | None
    action: str
    label: str = ""
    requires_comment: bool = False
    guards: tuple[Guard, ...] = ()
    audit_action: str = ""  # default "<workflow name>.<transition name>"

    def __post_init__(self):
        sources = (self.source,) if isinstance(self.source, str) else tuple(self.source)
        object.__setattr__(self, "source", tuple(str(s) for s in sources))
        if self.target is not None:
            object.__setattr__(self, "target", str(self.target))
        object.__setattr__(self, "guards", tuple(self.guards))

    @property
    def sources(self) -> tuple[str, ...]:
        return self.source  # normalised to a tuple in __post_init__

    def leaves(self, state: str) -> bool:
        return state in self.sources

    def target_from(self, state: str) -> str:
        return self.target if self.target is not None else state


def _state_items(states) -> list[tuple[str, str]]:
    choices = getattr(states, "choices", None)
    items = choices if choices is not None else list(states)
    result = []
    for item in items:
        value, label = (item, item) if isinstance(item, str) else item
        result.append((str(value), label))
    return result


class Workflow:
    """A named state machine. Checked when declared: unknown states and duplicate transition
    names fail at import time, not in front of a user."""

    def __init__(
        self,
        name: str,
        states,
        transitions: Iterable[Transition],
        *,
        initial: str | None = None,
        state_field: str = "state",
    ):
        self.name = name
        self.states: dict[str, Any] = dict(_state_items(states))
        if not self.states:
            raise ValueError(f"workflow {name!r} has no states")
        self.initial = str(initial) if initial is not None else next(iter(self.states))
        self.state_field = state_field
        self._transitions: dict[str, Transition] = {}
        self._extra_guards: dict[str, list[Guard]] = {}
        self._handlers: dict[str, list[Handler]] = {}
        self._check_state(self.initial, "initial")
        for t in transitions:
            if t.name in self._transitions:
                raise ValueError(f"workflow {name!r}: transition {t.name!r} declared twice")
            for s in t.sources:
                self._check_state(s, f"source of {t.name!r}")
            if t.target is not None:
                self._check_state(t.target, f"target of {t.name!r}")
            self._transitions[t.name] = t
        _WORKFLOWS.add(name, self)

    def _check_state(self, state: str, what: str) -> None:
        if state not in self.states:
            raise ValueError(f"workflow {self.name!r}: {what} {state!r} is not a state")

    def __repr__(self):
        return f"<Workflow {self.name}>"

    @property
    def transitions(self) -> list[Transition]:
        return list(self._transitions.values())

    def get(self, name: str) -> Transition:
        try:
            return self._transitions[name]
        except KeyError:
            raise UnknownTransitionError(
                f"workflow {self.name!r} has no transition {name!r}"
            ) from None

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self._transitions.values() if t.leaves(str(state))]

    def state_label(self, state: str) -> str:
        return str(self.states.get(str(state), state))

    def add_guard(self, transition_name: str, guard: Guard) -> None:
        """Another module's condition on a transition (e.g. "an interpretation is ready")."""
        self.get(transition_name)
        guards = self._extra_guards.setdefault(transition_name, [])
        if guard not in guards:
            guards.append(guard)

    def on_transition(self, transition_name: str, handler: Handler) -> None:
        """Another module's follow-up to a transition (e.g. "publish the record's ready
        interpretations with it"), run in the same transaction after the state is saved: if
        the handler raises, the whole transition rolls back."""
        self.get(transition_name)
        handlers = self._handlers.setdefault(transition_name, [])
        if handler not in handlers:
            handlers.append(handler)

    def handlers_for(self, transition: Transition) -> list[Handler]:
        return list(self._handlers.get(transition.name, []))

    def guards_for(self, transition: Transition) -> list[Guard]:
        return [*transition.guards, *self._extra_guards.get(transition.name, [])]

    def audit_action(self, transition: Transition) -> str:
        return transition.audit_action or f"{self.name}.{transition.name}"


def get_workflow(name: str) -> Workflow | None:
    return _WORKFLOWS.find(name)


def workflow_of(obj) -> Workflow:
    """The workflow a model declares as its `workflow` class attribute."""
    wf = getattr(type(obj), "workflow", None)
    if not isinstance(wf, Workflow):
        raise TypeError(f"{type(obj).__name__} declares no `workflow = Workflow(...)`")
    return wf
