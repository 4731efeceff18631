"""Every write on citizen messages (rules.md §7). Each function is one transaction: permission,
state change through the kernel workflow (transition log + audit), clocks, notifications."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.accounts.masking import mask_personal_data
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import clocks_for, open_clock
from sunshine.kernel.deadlines.services import extend_clock, start_clock, stop_clock
from sunshine.kernel.files.services import store_attachment
from sunshine.kernel.files.sniff import check_upload
from sunshine.kernel.workflow.services import transition

from . import notifying
from .historical import import_historical_message  # noqa: F401  (part of the service API)
from .indexing import index_message
from .models import SUBJECT_MAX, Message, MessageReply, MessageSource
from .suggestions import suggest
from .texts import check_message_text
from .workflow import MessageState

REPLY_RULE = "message.reply"
RETURN_RULE = "message.return_misrouted"
REPLY_MAX = 10000
MAX_ATTACHMENTS = 3


def auto_close_days() -> int:
    """Days after a reply without a rating before the message is closed (办结)."""
    return int(getattr(settings, "MESSAGES_AUTO_CLOSE_DAYS", 7))


def _start_clocks(message: Message, *, actor, with_return: bool = True) -> None:
    """The reply clock (and the 2-wd clock for returning a misrouted message). Queues read the
    due time from the clock itself (kernel deadlines selectors); the message keeps no copy."""
    start_clock(obj=message, rule=REPLY_RULE, agency=message.agency, start=clock.now(), actor=actor)
    if with_return:
        start_clock(
            obj=message, rule=RETURN_RULE, agency=message.agency, start=clock.now(), actor=actor
        )


def _stop_clocks(message: Message, *, actor, outcome: str) -> None:
    for c in clocks_for(message).exclude(state=Clock.State.STOPPED):
        stop_clock(clock=c, actor=actor, outcome=outcome, authorize=False)


def _check_uploads(attachments) -> None:
    """Every file is checked (type by content, size) before anything is saved."""
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("最多上传 %(n)s 个附件。") % {"n": MAX_ATTACHMENTS}}
        )
    errors = []
    for upload in attachments:
        try:
            check_upload(upload)
        except ValidationError as exc:
            errors.extend(f"{getattr(upload, 'name', '')}：{m}" for m in exc.messages)
        finally:
            if hasattr(upload, "seek"):
                upload.seek(0)
    if errors:
        raise ValidationError({"attachments": errors})


def _agency_check(agency) -> None:
    if agency is None or not agency.is_active:
        raise ValidationError({"agency": _("请选择有效的承办单位。")})


@transaction.atomic
def submit_message(
    *,
    author,
    subject: str,
    body: str,
    agency=None,
    is_public: bool = True,
    source: str = MessageSource.WEB,
    attachments=(),
) -> Message:
    """A citizen's message. With an agency it is dispatched to it at once (reply clock from
    now); "not sure which" (agency None) waits for the general office, which sees the
    classifier's suggestion."""
    if author is None or not author.is_authenticated or not author.is_active:
        raise PermissionDenied(_("请先登录后再留言。"))
    require(author, "message.submit")
    subject, body = check_message_text(subject=subject, body=body, author=author)
    if agency is not None:
        _agency_check(agency)
    attachments = [f for f in attachments or () if f]
    _check_uploads(attachments)
    proposal = suggest(subject, body)
    message = Message.objects.create(
        subject=subject,
        body=body,
        author=author,
        author_label=getattr(author, "display_name", "") or "",
        is_public=bool(is_public),
        state=MessageState.SUBMITTED,
        submitted_at=clock.now(),
        suggested_category=proposal.category,
        suggested_probability=proposal.probability,
        suggested_agency=proposal.agency,
        category=proposal.category,
        source=source,
    )
    record_event(
        action="message.submit",
        actor=author,
        obj=message,
        summary=subject,
        data={
            "agency": getattr(agency, "pk", None),
            "suggested_category": proposal.category,
            "suggested_agency": getattr(proposal.agency, "pk", None),
        },
    )
    for upload in attachments:
        store_attachment(owner=message, uploaded_file=upload, actor=author)
    if agency is not None:
        _assign(message, agency=agency, actor=None, comment=_("留言人选择的承办单位"))
    else:
        notifying.new_unrouted(message)
    return message


def _assign(message: Message, *, agency, actor, category: str = "", comment: str = "") -> None:
    transition(
        obj=message,
        name="assign",
        actor=actor,
        comment=comment,
        data={"agency": agency.pk, "agency_name": agency.name},
        set_fields={
            "agency": agency,
            "category": category or message.category,
            "assigned_at": clock.now(),
        },
        authorize=actor is not None,
    )
    _start_clocks(message, actor=actor)
    notifying.assigned(message)


@transaction.atomic
def assign_message(*, message: Message, agency, actor, category: str = "", comment: str = ""):
    """派单: the general office sends a message (not sure which / returned) to an agency."""
    _agency_check(agency)
    _assign(message, agency=agency, actor=actor, category=category, comment=comment)
    return message


@transaction.atomic
def transfer_message(
    *, message: Message, agency, actor, reason: str, category: str = ""
) -> Message:
    """转办: the handling agency (or the general office) passes it to another agency; the
    clocks restart there. Audited with both agencies."""
    _agency_check(agency)
    if agency.pk == message.agency_id:
        raise ValidationError({"agency": _("请选择另一个承办单位。")})
    old = message.agency
    require(actor, "message.transfer", message)
    _stop_clocks(message, actor=actor, outcome=_("已转办"))
    transition(
        obj=message,
        name="transfer",
        actor=actor,
        comment=reason,
        data={"from_agency": getattr(old, "pk", None), "to_agency": agency.pk},
        set_fields={
            "agency": agency,
            "category": category or message.category,
            "assigned_at": clock.now(),
        },
    )
    _start_clocks(message, actor=actor)
    notifying.assigned(message)
    return message


@transaction.atomic
def confirm_category(*, message: Message, actor, category: str) -> Message:
    """The handling staff confirm or correct the category (the agency stays)."""
    require(actor, "message.reply", message)
    category = (category or "").strip()[:40]
    before = message.category
    if category == before:
        return message
    message.category = category
    message.save(update_fields=["category", "updated_at"])
    record_event(
        action="message.categorise",
        actor=actor,
        obj=message,
        before={"category": before},
        after={"category": category},
    )
    return message


@transaction.atomic
def return_misrouted(*, message: Message, actor, reason: str) -> Message:
    """错派退回: within 2 wd of the assignment the agency sends it back to the general
    office (the guard in workflow.py checks the clock)."""
    old = message.agency
    require(actor, "message.return", message)
    transition(
        obj=message,
        name="return_misrouted",
        actor=actor,
        comment=reason,
        data={"from_agency": getattr(old, "pk", None)},
        set_fields={"agency": None},
    )
    for c in clocks_for(message).exclude(state=Clock.State.STOPPED):
        stop_clock(clock=c, actor=actor, outcome=_("错派退回"), authorize=False)
    notifying.returned(message, old_agency=old, reason=reason)
    return message


@transaction.atomic
def reply_to_message(*, message: Message, actor, body: str, publish: bool = False) -> MessageReply:
    """答复: stops the clocks, tells the author; publishes (masked) when asked and allowed."""
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("请填写答复内容。")})
    if len(body) > REPLY_MAX:
        raise ValidationError({"body": _("答复内容不能超过 %(max)s 个字。") % {"max": REPLY_MAX}})
    now = clock.now()
    transition(
        obj=message,
        name="reply",
        actor=actor,
        data={"agency": message.agency_id},
        set_fields={"replied_at": now},
    )
    reply = MessageReply.objects.create(
        message=message, agency=message.agency, body=body, replied_at=now, author=actor
    )
    reply_clock = open_clock(message, REPLY_RULE)
    if reply_clock is not None:
        stop_clock(clock=reply_clock, actor=actor, outcome=_("已答复"), authorize=False)
    _stop_clocks(message, actor=actor, outcome=_("已受理办理"))
    if publish and message.is_public:
        _publish(message, actor=actor)
    notifying.replied(message)
    return reply


@transaction.atomic
def extend_message(*, message: Message, actor, length: int, reason: str) -> Message:
    """One extension of the reply clock, ≤ 10 wd, with a reason (the rule caps it)."""
    require(actor, "message.extend", message)
    reply_clock = open_clock(message, REPLY_RULE)
    if reply_clock is None or message.state != MessageState.ASSIGNED:
        raise ValidationError(_("该留言没有正在计时的答复期限，不能延期。"))
    before = reply_clock.due_at
    reply_clock = extend_clock(
        clock=reply_clock, actor=actor, approver=actor, length=length, reason=reason
    )
    record_event(
        action="message.extend",
        actor=actor,
        obj=message,
        summary=reason[:300],
        before={"reply_due_at": before.isoformat()},
        after={"reply_due_at": reply_clock.due_at.isoformat()},
        data={"length": length},
    )
    return message


def personal_values(user) -> list[str]:
    """The author's own data, masked wherever it appears in a published text."""
    if user is None:
        return []
    return [user.display_name, user.mobile, user.id_number, user.email]


def _publish(message: Message, *, actor, public_subject="", public_body="", public_reply=""):
    reply = message.replies.order_by("-replied_at", "-pk").first()
    if reply is None:
        raise ValidationError(_("留言尚未答复，不能公开。"))
    if not message.is_public:
        raise ValidationError(_("留言人不同意公开，不能公开。"))
    before = {"is_published": message.is_published}
    known = personal_values(message.author)
    message.public_subject = mask_personal_data(public_subject or message.subject, known=known)[
        :SUBJECT_MAX
    ]
    message.public_body = mask_personal_data(public_body or message.body, known=known)
    message.is_published = True
    message.published_at = message.published_at or clock.now()
    message.save(
        update_fields=[
            "public_subject",
            "public_body",
            "is_published",
            "published_at",
            "updated_at",
        ]
    )
    message.replies.exclude(pk=reply.pk).update(is_published=False)
    reply.published_body = mask_personal_data(public_reply or reply.body, known=known)
    reply.is_published = True
    reply.save(update_fields=["published_body", "is_published"])
    index_message(message)
    record_event(
        action="message.publish",
        actor=actor,
        obj=message,
        before=before,
        after={"is_published": True, "reply": reply.pk},
    )


@transaction.atomic
def publish_message(
    *,
    message: Message,
    actor,
    published: bool = True,
    public_subject: str = "",
    public_body: str = "",
    public_reply: str = "",
) -> Message:
    """Show (or withdraw) the message and its current reply on the portal, personal data
    masked. Staff may correct the masked text; it is masked again all the same."""
    require(actor, "message.publish", message)
    if published:
        _publish(
            message,
            actor=actor,
            public_subject=public_subject,
            public_body=public_body,
            public_reply=public_reply,
        )
    elif message.is_published:
        message.is_published = False
        message.save(update_fields=["is_published", "updated_at"])
        index_message(message)
        record_event(
            action="message.unpublish",
            actor=actor,
            obj=message,
            before={"is_published": True},
            after={"is_published": False},
        )
    return message


@transaction.atomic
def reopen_message(*, message: Message, actor=None, reason: str) -> Message:
    """Back to the agency with a new reply clock (a bad rating, or a supervisor's decision)."""
    transition(
        obj=message,
        name="reopen",
        actor=actor,
        comment=reason or _("重新办理"),
        set_fields={
            "closed_at": None,
            "assigned_at": clock.now(),
            "reopen_count": message.reopen_count + 1,
        },
        authorize=actor is not None,
    )
    _start_clocks(message, actor=actor, with_return=False)
    notifying.reopened(message, reason=reason)
    return message


@transaction.atomic
def close_message(*, message: Message, actor=None, outcome: str = "") -> Message:
    """办结 (after the author's rating, or by the periodic task after N days)."""
    transition(
        obj=message,
        name="close",
        actor=actor,
        comment=outcome,
        set_fields={"closed_at": clock.now()},
        authorize=actor is not None,
    )
    return message


@transaction.atomic
def reject_message(*, message: Message, actor, reason: str) -> Message:
    """不予受理 (e.g. not a matter for the government, or abusive); the author is told why."""
    transition(obj=message, name="reject", actor=actor, comment=reason)
    notifying.rejected(message, reason=reason)
    return message


def rating_step(message: Message) -> str:
    """One rating per reply round: "" for the first reply, "reopen-N" after N reopenings."""
    return f"reopen-{message.reopen_count}" if message.reopen_count else ""


@transaction.atomic
def rate_reply(*, message: Message, rater, level: str, comment: str = ""):
    """The author rates the reply: a good rating closes the message (办结); a bad one reopens
    it (kernel/ratings calls on_bad_rating for real-name raters; done here otherwise)."""
    from sunshine.kernel.ratings.choices import BAD_LEVELS
    from sunshine.kernel.ratings.services import rate

    if message.author_id is None or rater is None or rater.pk != message.author_id:
        raise PermissionDenied(_("只有留言人可以评价答复。"))
    if message.state != MessageState.REPLIED:
        raise ValidationError(_("留言已答复后才能评价。"))
    rating = rate(obj=message, rater=rater, level=level, comment=comment, step=rating_step(message))
    message.refresh_from_db()
    if level in BAD_LEVELS:
        if message.state == MessageState.REPLIED:
            reopen_message(message=message, actor=None, reason=_("留言人对答复不满意"))
    elif message.state == MessageState.REPLIED:
        close_message(message=message, actor=None, outcome=_("留言人已评价"))
    return rating


def on_bad_rating(rating) -> None:
    """kernel/ratings: a bad rating of a message's reply reopens it."""
    message = Message.objects.filter(pk=rating.object_id).first()
    if message is not None and message.state in (MessageState.REPLIED, MessageState.CLOSED):
        reopen_message(message=message, actor=None, reason=_("留言人对答复不满意"))


def close_stale_replied(*, at: dt.datetime | None = None) -> int:
    """Close replied messages nobody rated within MESSAGES_AUTO_CLOSE_DAYS days."""
    cutoff = (at or clock.now()) - dt.timedelta(days=auto_close_days())
    done = 0
    ids = Message.objects.filter(state=MessageState.REPLIED, replied_at__lt=cutoff).values_list(
        "pk", flat=True
    )
    for pk in list(ids):
        with transaction.atomic():
            message = Message.objects.select_for_update().get(pk=pk)
            if message.state != MessageState.REPLIED:
                continue
            close_message(message=message, actor=None, outcome=_("答复后逾期未评价，自动办结"))
            done += 1
    return done
