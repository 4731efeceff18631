"""The workflow of a 问责 case: 已立案 → 已调查核实 → 已作出处理决定 → 已结案. Each transition
needs its text (the findings, the decision, the closing account), kept on the transition log
and as a step of the case; the service writes both in one transaction."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.workflow.definitions import Transition, Workflow

from .choices import CaseState

S = CaseState

CASE_WORKFLOW = Workflow(
    name="accountability",
    states=CaseState,
    initial=S.FILED,
    transitions=[
        Transition(
            "investigate",
            S.FILED,
            S.INVESTIGATED,
            action="accountability.handle",
            label=_("调查核实"),
            requires_comment=True,
        ),
        Transition(
            "decide",
            S.INVESTIGATED,
            S.DECIDED,
            action="accountability.handle",
            label=_("作出处理决定"),
            requires_comment=True,
        ),
        Transition(
            "close",
            S.DECIDED,
            S.CLOSED,
            action="accountability.handle",
            label=_("结案"),
            requires_comment=True,
        ),
    ],
)

NAMES = tuple(t.name for t in CASE_WORKFLOW.transitions)
