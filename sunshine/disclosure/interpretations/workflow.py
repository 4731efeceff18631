"""The life of a policy interpretation (政策解读), declared on the kernel workflow:

    draft ─mark_ready→ ready ─publish→ published ─withdraw→ withdrawn
      ↑                  │
      └── send_back ─────┘            (draft / ready ─withdraw→ withdrawn: abandoned)

An interpretation is published together with its record (谁起草、谁解读): when the record is
published, its `ready` interpretations are published at the same moment (publication.py). The
`publish` transition by hand is for an interpretation added after the record went public
(补充解读); it needs the record to be public."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sunshine.kernel.files.models import IMAGE_KINDS
from sunshine.kernel.files.selectors import attachments_for
from sunshine.kernel.workflow.definitions import Transition, Workflow

from .choices import InterpretationKind as K


class InterpretationState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    READY = "ready", _("待发布")  # checked, waits to go public with its record
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


S = InterpretationState


def content_is_complete(interpretation, context) -> None:
    """What each form needs before it may go public with the record."""
    kind = interpretation.kind
    problems = []
    if kind == K.TEXT and not interpretation.body.strip():
        problems.append(gettext("文字解读需要填写解读正文。"))
    if kind == K.MEDIA and not interpretation.media_url:
        problems.append(gettext("音视频解读需要填写音视频地址。"))
    if kind in (K.INTERVIEW, K.PRESS_CONFERENCE) and not (
        interpretation.body.strip() or interpretation.media_url
    ):
        problems.append(gettext("访谈、发布会解读需要填写文字实录或音视频地址。"))
    if kind == K.GRAPHIC and not any(
        a.kind in IMAGE_KINDS for a in attachments_for(interpretation).only("kind")
    ):
        problems.append(gettext("图解需要至少上传一张图片。"))
    if problems:
        raise ValidationError(problems)


def record_still_open(interpretation, context) -> None:
    from .publication import record_is_closed

    if record_is_closed(interpretation.record):
        raise ValidationError(gettext("所解读的文件已撤回或存档，不能再发布解读。"))


def record_is_public(interpretation, context) -> None:
    if not interpretation.record.is_public:
        raise ValidationError(
            gettext("文件尚未发布：解读将在文件发布时随文件同步发布，无需单独发布。")
        )


def not_needed_by_scheduled_record(interpretation, context) -> None:
    """A record scheduled for publication counts on its ready interpretation: taking the last
    one back would make the scheduled publication fail at its time."""
    from .publication import scheduled_record_depends_on

    if scheduled_record_depends_on(interpretation):
        raise ValidationError(
            gettext(
                "所解读的文件已定时发布，且需要这篇解读随文件发布。请先取消定时发布，"
                "或先准备好另一篇解读。"
            )
        )


INTERPRETATION_WORKFLOW = Workflow(
    name="interpretation",
    states=InterpretationState,
    initial=S.DRAFT,
    transitions=[
        Transition(
            "mark_ready",
            S.DRAFT,
            S.READY,
            action="interpretation.ready",
            label=_("审核通过（待随文件发布）"),
            guards=(record_still_open, content_is_complete),
        ),
        Transition(
            "send_back",
            S.READY,
            S.DRAFT,
            action="interpretation.ready",
            label=_("退回修改"),
            requires_comment=True,
            guards=(not_needed_by_scheduled_record,),
        ),
        Transition(
            "publish",
            S.READY,
            S.PUBLISHED,
            action="interpretation.publish",
            label=_("发布"),
            guards=(record_is_public,),
        ),
        Transition(
            "withdraw",
            (S.DRAFT, S.READY, S.PUBLISHED),
            S.WITHDRAWN,
            action="interpretation.withdraw",
            label=_("撤回"),
            requires_comment=True,
            guards=(not_needed_by_scheduled_record,),
        ),
    ],
)
