"""The life of a citizen message (网民留言), declared on the kernel workflow (rules.md §7):

    submitted ─assign→ assigned ─reply→ replied ─close→ closed
       │  ↑              │  ↑ │           │                │
       │  └─reassign── returned│ └─transfer (stays, other agency)
       │                 (错派退回 ≤ 2 wd)  └──── reopen (bad rating) ───┘
       └─reject→ rejected (不予受理)

- submitted (已受理): the citizen chose "not sure which agency" (agency is empty) or the
  receiving office has not dispatched it yet. The general office (supervisor role) assigns it
  using the suggestion of the classifier.
- assigned (已派单): the agency's staff reply within 5 wd (clock `message.reply`, one
  extension ≤ 10 wd) and may return a misrouted message within 2 wd
  (clock `message.return_misrouted`); staff may transfer it to another agency (audited).
- replied (已答复): the author rates the reply (kernel/ratings). A good rating closes it; a
  bad one reopens it (back to assigned, a new reply clock); without a rating it is closed
  after `MESSAGE_AUTO_CLOSE_DAYS` days.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.workflow.definitions import Transition, Workflow


class MessageState(models.TextChoices):
    SUBMITTED = "submitted", _("已受理")
    ASSIGNED = "assigned", _("已派单")
    RETURNED = "returned", _("错派退回")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")
    REJECTED = "rejected", _("不予受理")
    ARCHIVED = "archived", _("历史留言")  # imported without a reply: no clock, no queue


S = MessageState


def within_return_period(message, context) -> None:
    """错派退回 only while the `message.return_misrouted` clock (2 wd) runs."""
    from sunshine.kernel import clock
    from sunshine.kernel.deadlines.models import Clock
    from sunshine.kernel.deadlines.selectors import clocks_for

    running = (
        clocks_for(message)
        .filter(rule="message.return_misrouted")
        .exclude(state=Clock.State.STOPPED)
        .order_by("-started_at")
        .first()
    )
    if running is None or running.due_at < clock.now():
        raise ValidationError(
            gettext("错派退回须在派单后2个工作日内提出；已超过期限，请转办或办理答复。")
        )


OPEN_STATES = (S.SUBMITTED, S.ASSIGNED, S.RETURNED)
UNROUTED_STATES = (S.SUBMITTED, S.RETURNED)

MESSAGE_WORKFLOW = Workflow(
    name="message",
    states=MessageState,
    initial=S.SUBMITTED,
    transitions=[
        Transition(
            "assign",
            (S.SUBMITTED, S.RETURNED),
            S.ASSIGNED,
            action="message.assign",
            label=_("派单"),
        ),
        Transition(
            "transfer",
            S.ASSIGNED,
            None,
            action="message.transfer",
            label=_("转办"),
            requires_comment=True,
        ),
        Transition(
            "return_misrouted",
            S.ASSIGNED,
            S.RETURNED,
            action="message.return",
            label=_("错派退回"),
            requires_comment=True,
            guards=[within_return_period],
        ),
        Transition("reply", S.ASSIGNED, S.REPLIED, action="message.reply", label=_("答复")),
        Transition("close", S.REPLIED, S.CLOSED, action="message.close", label=_("办结")),
        Transition(
            "reopen",
            (S.REPLIED, S.CLOSED),
            S.ASSIGNED,
            action="message.reopen",
            label=_("重新办理"),
            requires_comment=True,
        ),
        Transition(
            "reject",
            (S.SUBMITTED, S.RETURNED),
            S.REJECTED,
            action="message.reject",
            label=_("不予受理"),
            requires_comment=True,
        ),
    ],
)
