"""The citizen's view of where a case stands: four plain steps (已受理 → 办理中 → 已答复 → 已办结)
instead of the staff's workflow states (已派单, 错派退回, submitted → accepted). Each module maps
its own states in its `status.py`; the page shows the result with
`{% include "partials/tracker.html" with tracker=... %}` (steps done, the current one, and the
steps still to come); `register_status_mapping` lets a template build it from a state alone."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.registry import Registry

RECEIVED, HANDLING, REPLIED, CLOSED = "received", "handling", "replied", "closed"
STEPS = (
    (RECEIVED, _("已受理")),
    (HANDLING, _("办理中")),
    (REPLIED, _("已答复")),
    (CLOSED, _("已办结")),
)
_INDEX = {key: i for i, (key, _label) in enumerate(STEPS)}


@dataclass(frozen=True)
class Step:
    key: str
    label: str | Promise
    status: str  # "done", "current" (the last step reached) or "todo" (still to come)


@dataclass(frozen=True)
class Tracker:
    steps: tuple[Step, ...]
    note: str | Promise = ""  # why it waits (待补正, 待缴费) or how it ended (不予受理)

    @property
    def current(self) -> Step | None:
        return next((s for s in self.steps if s.status == "current"), None)

    @property
    def label(self) -> str:
        """One word for a list: the current step, or the note when nothing is reached yet
        or the case ended another way."""
        step = self.current
        return str(self.note if self.note and (step is None or self.ended) else step.label)

    @property
    def ended(self) -> bool:
        return bool(self.steps) and self.steps[-1].status == "current"


@dataclass(frozen=True)
class PublicStatus:
    """What one internal state shows: the last public step reached (None: not yet 受理), a
    note, and `ends` (a case closed another way, e.g. 不予受理: no steps still to come, the
    last step is named by the note)."""

    step: str | None
    note: str | Promise = ""
    ends: bool = False


def tracker(status: PublicStatus) -> Tracker:
    if status.ends:
        reached = [Step(RECEIVED, STEPS[0][1], "done")] if status.step else []
        return Tracker((*reached, Step(CLOSED, status.note, "current")), status.note)
    at = _INDEX[status.step] if status.step else -1
    steps = tuple(
        Step(key, label, "done" if i < at else "current" if i == at else "todo")
        for i, (key, label) in enumerate(STEPS)
    )
    return Tracker(steps, status.note)


def tracker_for(state: str, mapping: Mapping[str, PublicStatus]) -> Tracker:
    """The tracker of an object in `state` under a module's mapping. A state the mapping
    forgot shows 办理中 rather than a staff word (a test per module checks every state)."""
    return tracker(mapping.get(str(state), PublicStatus(HANDLING)))


# kind ("message", "foi", "application") -> its module's mapping, registered by the module's
# providers.py, so a template shows a tracker from the state alone:
# {% load mine %}{% include "partials/tracker.html" with tracker=item.state|tracker:"foi" %}
_MAPPINGS: Registry[Mapping[str, PublicStatus]] = Registry("status mapping")


def register_status_mapping(kind: str, mapping: Mapping[str, PublicStatus]) -> None:
    _MAPPINGS.add(kind, mapping)


def tracker_of(kind: str, state: str) -> Tracker:
    return tracker_for(state, _MAPPINGS.get(kind))
