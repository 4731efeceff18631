"""The steps of an application (办件), declared on the kernel workflow. The state is the last
step done; the clock of the next step runs while the application is in it:

    submitted (申请) ─accept→ accepted (受理) ─review→ reviewing (审查) ─decide→ decided (决定)
        │  │                                                                    │
        │  └─reject→ rejected (不予受理, reason required)                     complete
        └─request_correction→ correction (补正: what is missing) ─resubmit→ submitted
                                                                               ↓
                                           delivered (送达) ←deliver─ completed (办结)

Clocks (services.py): service.accept while submitted (paused in 补正), service.review while
accepted, service.decide while reviewing, service.deliver while completed, service.total from
申请 to 办结 (paused in 补正)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.workflow.definitions import Transition, Workflow

from .choices import ApplicationState as S
from .choices import Decision


def correction_lists_items(application, context) -> None:
    if context.probe:
        return
    items = [i for i in (context.data or {}).get("missing", []) if str(i).strip()]
    if not items:
        raise ValidationError({"missing": gettext("请列出需要补正的材料或内容。")})


def decision_given(application, context) -> None:
    if context.probe:
        return
    if (context.data or {}).get("decision") not in Decision.values:
        raise ValidationError({"decision": gettext("请选择决定结果。")})


APPLICATION_WORKFLOW = Workflow(
    name="service_application",
    states=S,
    initial=S.SUBMITTED,
    transitions=[
        Transition("accept", S.SUBMITTED, S.ACCEPTED, "service_application.accept", _("受理")),
        Transition(
            "reject",
            S.SUBMITTED,
            S.REJECTED,
            "service_application.accept",
            _("不予受理"),
            requires_comment=True,
        ),
        Transition(
            "request_correction",
            S.SUBMITTED,
            S.CORRECTION,
            "service_application.accept",
            _("一次性告知补正"),
            guards=(correction_lists_items,),
        ),
        Transition(
            "resubmit", S.CORRECTION, S.SUBMITTED, "service_application.resubmit", _("补正提交")
        ),
        Transition(
            "review",
            S.ACCEPTED,
            S.REVIEWING,
            "service_application.review",
            _("审查"),
            requires_comment=True,
        ),
        Transition(
            "decide",
            S.REVIEWING,
            S.DECIDED,
            "service_application.decide",
            _("决定"),
            guards=(decision_given,),
        ),
        Transition("complete", S.DECIDED, S.COMPLETED, "service_application.handle", _("办结")),
        Transition("deliver", S.COMPLETED, S.DELIVERED, "service_application.handle", _("送达")),
    ],
)
