"""The life of a consultation (征求意见), on the kernel workflow:

    draft ─schedule→ scheduled ─open→ open ─close→ closed ─publish_feedback→ feedback_published
      │                  │          ↑
      └──────── open ────┴──────────┘      scheduled ─unschedule→ draft (reason required)

`schedule`/`open` by hand is the approver's publication of the draft (open at once when the
period has started). The periodic job opens scheduled consultations whose period has started
and closes open ones whose period has ended (actor None, the system). Closing starts the
feedback clock (consultation.feedback); publishing the 采纳情况说明 stops it."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.workflow.definitions import Transition, Workflow

from .choices import ConsultationState as S

CONSULTATION_WORKFLOW = Workflow(
    name="consultation",
    states=S,
    initial=S.DRAFT,
    transitions=[
        Transition("schedule", S.DRAFT, S.SCHEDULED, action="consultation.open", label=_("发布")),
        Transition(
            "open", (S.DRAFT, S.SCHEDULED), S.OPEN, action="consultation.open", label=_("开始征求")
        ),
        Transition(
            "unschedule",
            S.SCHEDULED,
            S.DRAFT,
            action="consultation.open",
            label=_("撤回发布"),
            requires_comment=True,
        ),
        Transition("close", S.OPEN, S.CLOSED, action="consultation.close", label=_("结束征求")),
        Transition(
            "publish_feedback",
            S.CLOSED,
            S.FEEDBACK_PUBLISHED,
            action="consultation.publish_feedback",
            label=_("发布采纳情况说明"),
        ),
    ],
)
