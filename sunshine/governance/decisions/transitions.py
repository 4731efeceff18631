"""The workflow acts of a decision by name — the one table both shells use (the workbench's
buttons, the API's POST /decisions/{id}/transition with {"action": ...}).

`data` (a dict or a QueryDict) holds `decision_text` and `override_reason` (decide),
`record_url`, `interpretation`, `interpretation_url` (publish), `comment` (withdraw). An
unknown name is `UnknownTransition`; a missing step is `workflow.MissingSteps` (the API's 409)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import services
from .models import Decision

NAMES = ("decide", "publish", "withdraw")


class UnknownTransition(ValidationError):
    def __init__(self, name: str):
        super().__init__(
            _("没有这个办理环节：%(name)s。") % {"name": name}, code="unknown_transition"
        )


def _text(data, name: str) -> str:
    return str(data.get(name) or "")


def apply_transition(decision: Decision, name: str, *, actor, data) -> str:
    if name not in NAMES:
        raise UnknownTransition(name)
    if name == "decide":
        services.decide(
            actor=actor,
            decision=decision,
            decision_text=_text(data, "decision_text"),
            override_reason=_text(data, "override_reason"),
        )
    elif name == "publish":
        services.publish_decision(
            actor=actor,
            decision=decision,
            record_url=_text(data, "record_url"),
            interpretation=_text(data, "interpretation"),
            interpretation_url=_text(data, "interpretation_url"),
        )
    else:
        services.withdraw(actor=actor, decision=decision, comment=_text(data, "comment"))
    decision.refresh_from_db()
    return str(decision.workflow.get(name).label)
