"""The life of a government-information record (政府信息), declared on the kernel workflow:

    draft ─submit→ submitted ─review→ reviewed ─sign_off→ signed_off ─publish→ published
      ↑                 └────────── reject (with reasons) ──────────┘   ├─schedule→ scheduled
      └──────────────────────────────────────────────────────────────   │   (publish / unschedule)
                                                                        └─file→ filed (not public)
    published ─revise→ published (a new version)     published ─withdraw→ withdrawn
    published / filed ─repeal→ same state, validity 废止; ─expire→ same state, validity 失效

Repealed (废止) and expired (失效) documents stay where they are: a published one stays on
the public site with its 有效性 shown, as government sites keep them; the `validity` field
carries it. Only 主动公开 records can be published or scheduled; 依申请公开 and 不予公开
records end as `filed`, an internal final state, and never reach the public."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.workflow.definitions import Transition, Workflow

from .choices import DisclosureMode, Validity


class RecordState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    REVIEWED = "reviewed", _("待签发")
    SIGNED_OFF = "signed_off", _("已签发")
    SCHEDULED = "scheduled", _("定时发布")
    PUBLISHED = "published", _("已发布")
    FILED = "filed", _("已存档（不公开）")
    WITHDRAWN = "withdrawn", _("已撤回")


S = RecordState


def must_be_proactive(record, context) -> None:
    if record.disclosure_mode != DisclosureMode.PROACTIVE:
        raise ValidationError(
            gettext("只有主动公开的政府信息才能发布；依申请公开、不予公开的信息请办理存档。")
        )


def must_not_be_proactive(record, context) -> None:
    if record.disclosure_mode == DisclosureMode.PROACTIVE:
        raise ValidationError(gettext("主动公开的政府信息应当发布，不能存档。"))


def must_be_valid(record, context) -> None:
    if record.validity != Validity.VALID:
        raise ValidationError(
            gettext("该文件已%(validity)s，不能再变更有效性。")
            % {"validity": record.get_validity_display()}
        )


RECORD_WORKFLOW = Workflow(
    name="record",
    states=RecordState,
    initial=S.DRAFT,
    transitions=[
        Transition("submit", S.DRAFT, S.SUBMITTED, action="record.submit", label=_("提交审核")),
        Transition("review", S.SUBMITTED, S.REVIEWED, action="record.review", label=_("审核通过")),
        Transition("sign_off", S.REVIEWED, S.SIGNED_OFF, action="record.sign", label=_("签发")),
        Transition(
            "reject",
            (S.SUBMITTED, S.REVIEWED, S.SIGNED_OFF),
            S.DRAFT,
            action="record.reject",
            label=_("退回修改"),
            requires_comment=True,
        ),
        Transition(
            "publish",
            (S.SIGNED_OFF, S.SCHEDULED),
            S.PUBLISHED,
            action="record.publish",
            label=_("发布"),
            guards=(must_be_proactive,),
        ),
        Transition(
            "schedule",
            S.SIGNED_OFF,
            S.SCHEDULED,
            action="record.publish",
            label=_("定时发布"),
            guards=(must_be_proactive,),
        ),
        Transition(
            "unschedule",
            S.SCHEDULED,
            S.SIGNED_OFF,
            action="record.publish",
            label=_("取消定时"),
        ),
        Transition(
            "file",
            S.SIGNED_OFF,
            S.FILED,
            action="record.publish",
            label=_("存档（不公开）"),
            guards=(must_not_be_proactive,),
        ),
        Transition(
            "revise",
            S.PUBLISHED,
            None,
            action="record.revise",
            label=_("修订（发布新版本）"),
            requires_comment=True,
        ),
        Transition(
            "withdraw",
            S.PUBLISHED,
            S.WITHDRAWN,
            action="record.withdraw",
            label=_("撤回"),
            requires_comment=True,
        ),
        Transition(
            "repeal",
            (S.PUBLISHED, S.FILED),
            None,
            action="record.repeal",
            label=_("废止"),
            requires_comment=True,
            guards=(must_be_valid,),
        ),
        Transition(
            "expire",
            (S.PUBLISHED, S.FILED),
            None,
            action="record.repeal",
            label=_("宣布失效"),
            guards=(must_be_valid,),
        ),
    ],
)
