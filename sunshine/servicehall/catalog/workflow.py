"""The life of a service item (政务服务事项):

    draft ─publish→ published ─withdraw→ withdrawn ─revise→ draft
      └──────────── withdraw ────────────┘

Publishing needs every 办事指南 element of rules.md §6 (guide.py names each missing one) and
承诺时限 ≤ 法定时限."""

from django.utils.translation import gettext_lazy as _

from sunshine.kernel.workflow.definitions import Transition, Workflow

from .choices import ItemState as S


def guide_is_complete(item, context) -> None:
    from .guide import check_guide

    check_guide(item)


ITEM_WORKFLOW = Workflow(
    name="service_item",
    states=S,
    initial=S.DRAFT,
    transitions=[
        Transition(
            "publish",
            S.DRAFT,
            S.PUBLISHED,
            action="service_item.publish",
            label=_("发布"),
            guards=(guide_is_complete,),
        ),
        Transition(
            "withdraw",
            (S.DRAFT, S.PUBLISHED),
            S.WITHDRAWN,
            action="service_item.publish",
            label=_("撤回"),
            requires_comment=True,
        ),
        Transition(
            "revise",
            S.WITHDRAWN,
            S.DRAFT,
            action="service_item.edit",
            label=_("重新编辑"),
        ),
    ],
)
