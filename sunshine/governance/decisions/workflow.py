"""The workflow of a major decision: 拟订中 → 已决定 → 已公布 (or 已终止 while drafting).

`decide` is guarded: every step the decision's level requires must be done
(重大行政决策程序暂行条例 Art. 25 para. 2: 未经合法性审查或者经审查不合法的，不得提交决策机关讨论;
Art. 29: the draft goes to the meeting with the other steps' outputs; Art. 30: the head decides
after the collective discussion). A missing step refuses with `MissingSteps`, naming them, unless the head
overrides with a reason (`data["override_reason"]` and the "decision.override" permission);
the override is audited by the service."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.kernel.access.policy import can
from sunshine.kernel.workflow.definitions import Transition, Workflow

from .choices import DecisionState, StepKind

S = DecisionState


class MissingSteps(ValidationError):
    """`decide` refused: the required steps named in `missing_steps` (StepKind values) are not
    done. The API answers 409 with them."""

    def __init__(self, missing: list[str]):
        self.missing_steps = list(missing)
        labels = _("、").join(str(StepKind(kind).label) for kind in missing)
        super().__init__(
            _("尚未完成法定程序：%(steps)s，不能作出决定。") % {"steps": labels},
            code="missing_steps",
        )


def missing_steps(decision) -> list[str]:
    """The required steps of `decision` that are not done, in the Regulation's order."""
    done = {step.kind for step in decision.steps.all() if step.is_done}
    return [kind for kind in decision.required_steps if kind not in done]


def _steps_complete(decision, context) -> None:
    missing = missing_steps(decision)
    if not missing:
        return
    reason = str(context.data.get("override_reason") or "").strip()
    if reason and can(context.actor, "decision.override", decision):
        return  # the service records the override (who, why, which steps) in the audit
    raise MissingSteps(missing)


def _has_text(decision, context) -> None:
    if context.probe:
        return
    if not str(context.data.get("decision_text") or decision.decision_text or "").strip():
        raise ValidationError({"decision_text": _("请填写决定内容。")})


DECISION_WORKFLOW = Workflow(
    name="decision",
    states=DecisionState,
    initial=S.DRAFTING,
    transitions=[
        Transition(
            "decide",
            S.DRAFTING,
            S.DECIDED,
            action="decision.decide",
            label=gettext_lazy("作出决定"),
            guards=(_steps_complete, _has_text),
        ),
        Transition(
            "publish",
            S.DECIDED,
            S.PUBLISHED,
            action="decision.publish",
            label=gettext_lazy("公布决策"),
        ),
        Transition(
            "withdraw",
            S.DRAFTING,
            S.WITHDRAWN,
            action="decision.manage",
            label=gettext_lazy("终止决策"),
            requires_comment=True,
        ),
    ],
)
