"""The workflow of a key item: 登记中 → (交叉审核中 → 退回修改 → 交叉审核中 …) → 实施中 → 已完成.

An item proceeds (实施) only when no cross-check stands in its way: `proceed` is guarded, and
`submit_for_check` is what `services.submit_item` uses when the item needs a check (assigned by
the general office, or required by the government's rule). The checking unit's sign-off moves
the item on (`checked`), a return sends it back (`sent_back`); both are taken by the
cross-check services, which check the checker's own act (keyitem.crosscheck on the checking
unit, never one's own)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.kernel.workflow.definitions import Transition, Workflow

from .choices import CrossCheckState, KeyItemState

S = KeyItemState
OUTSTANDING = (
    CrossCheckState.UNASSIGNED,
    CrossCheckState.WAITING,
    CrossCheckState.PENDING,
    CrossCheckState.RETURNED,
)


def _no_check_outstanding(item, context) -> None:
    latest = item.crosschecks.order_by("-round", "-id").first()
    if item.requires_crosscheck and (latest is None or latest.state in OUTSTANDING):
        raise ValidationError(_("该事项须经内部交叉审核通过后方可实施。"), code="crosscheck")


KEYITEM_WORKFLOW = Workflow(
    name="keyitem",
    states=KeyItemState,
    initial=S.DRAFT,
    transitions=[
        Transition(
            "submit_for_check",
            (S.DRAFT, S.RETURNED),
            S.CHECKING,
            action="keyitem.edit",
            label=gettext_lazy("提交交叉审核"),
        ),
        Transition(
            "proceed",
            (S.DRAFT, S.RETURNED),
            S.IN_PROGRESS,
            action="keyitem.edit",
            label=gettext_lazy("开始实施"),
            guards=(_no_check_outstanding,),
        ),
        Transition(
            "checked",
            S.CHECKING,
            S.IN_PROGRESS,
            action="keyitem.crosscheck",
            label=gettext_lazy("交叉审核通过"),
        ),
        Transition(
            "sent_back",
            S.CHECKING,
            S.RETURNED,
            action="keyitem.crosscheck",
            label=gettext_lazy("交叉审核退回"),
            requires_comment=True,
        ),
        Transition(
            "complete",
            S.IN_PROGRESS,
            S.COMPLETED,
            action="keyitem.edit",
            label=gettext_lazy("办结"),
        ),
    ],
)
