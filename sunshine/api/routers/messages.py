"""网民留言: published messages with their replies (personal data masked) for anyone, the
category/agency suggestion for a text (public, throttled), and the staff endpoints (queue,
detail, assign, reply, transfer, return, extend) that call the same services as the workbench."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status

from sunshine.kernel.orgs.models import Agency
from sunshine.participation.messages import selectors, services
from sunshine.participation.messages.choices import BODY_MAX, SUBJECT_MAX
from sunshine.participation.messages.suggestions import suggest

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import id_param, limit_param, offset_param, page
from ..throttling import ClientRateThrottle

router = Router(tags=["messages"])


def _local(value):
    return timezone.localtime(value) if value else None


class AgencyRef(Schema):
    id: int
    name: str


class MessageOut(Schema):
    id: int
    subject: str
    category: str
    state: str
    state_label: str
    agency: AgencyRef | None
    submitted_at: dt.datetime
    replied_at: dt.datetime | None
    votes_up: int
    votes_down: int
    url: str

    @staticmethod
    def resolve_subject(obj) -> str:
        return obj.public_subject

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_submitted_at(obj):
        return _local(obj.submitted_at)

    @staticmethod
    def resolve_replied_at(obj):
        return _local(obj.replied_at)

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("messages_detail", obj.pk)


class ReplyOut(Schema):
    agency: AgencyRef | None
    replied_at: dt.datetime
    body: str

    @staticmethod
    def resolve_body(obj) -> str:
        return obj.published_body

    @staticmethod
    def resolve_replied_at(obj):
        return _local(obj.replied_at)


class MessageDetail(MessageOut):
    body: str
    reply: ReplyOut | None

    @staticmethod
    def resolve_body(obj) -> str:
        return obj.public_body

    @staticmethod
    def resolve_reply(obj):
        replies = getattr(obj, "published_replies", [])
        return replies[-1] if replies else None


class MessagePage(Schema):
    count: int
    items: list[MessageOut]


@router.get("", response=MessagePage, summary="网民留言列表（已公开）")
def list_messages(
    request,
    category: str | None = Query(None, description="一级分类，如“交通运输”"),
    agency: int | None = id_param("承办单位 id"),
    state: str | None = Query(None, description="replied / closed / archived"),
    q: str | None = Query(None, max_length=50, description="主题或内容关键词"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    """Published messages, newest first; texts are the masked public versions."""
    filters = selectors.PublicFilters(
        q=(q or "").strip(), category=category or "", agency=agency, state=state or ""
    )
    items = selectors.public_messages(filters)
    return page(items, limit, offset)


@router.get("/{int:message_id}", response=MessageDetail, summary="网民留言详情（已公开）")
def get_message(request, message_id: int):
    message = selectors.public_message(message_id)
    if message is None:
        raise NotFound(_("该留言不存在或尚未公开。"))
    return message


class SuggestIn(Schema):
    subject: str = ""
    body: str = ""


class SuggestOut(Schema):
    category: str
    probability: float | None
    agency: AgencyRef | None


@router.post(
    "/suggest",
    response=SuggestOut,
    summary="留言分类与承办单位建议",
    throttle=[ClientRateThrottle("30/m")],
)
def suggest_for_text(request, data: SuggestIn):
    """The classifier's first-level category and the suggested agency for a message text."""
    proposal = suggest(data.subject[:SUBJECT_MAX], data.body[:BODY_MAX])
    return {
        "category": proposal.category,
        "probability": round(proposal.probability, 3) if proposal.probability else None,
        "agency": proposal.agency,
    }


# ---- staff ------------------------------------------------------------------------------


class StaffMessageOut(Schema):
    id: int
    subject: str
    category: str
    suggested_category: str
    suggested_agency: AgencyRef | None
    state: str
    agency: AgencyRef | None
    submitted_at: dt.datetime
    reply_due_at: dt.datetime | None
    urgency: str
    is_published: bool

    @staticmethod
    def resolve_submitted_at(obj):
        return _local(obj.submitted_at)

    @staticmethod
    def resolve_reply_due_at(obj):
        # annotated from the open message.reply clock by the selectors (with_reply_clock)
        return _local(getattr(obj, "reply_due_at", None))

    @staticmethod
    def resolve_urgency(obj) -> str:
        # as of now (kernel deadlines live_urgency), not the last sweep's
        return getattr(obj, "reply_urgency", None) or ""


class StaffReplyOut(Schema):
    id: int
    agency: AgencyRef | None
    body: str
    replied_at: dt.datetime
    is_published: bool


class StaffMessageDetail(StaffMessageOut):
    body: str
    author_label: str
    is_public: bool
    reopen_count: int
    replies: list[StaffReplyOut]

    @staticmethod
    def resolve_replies(obj):
        return list(obj.replies.all())


class StaffPage(Schema):
    count: int
    items: list[StaffMessageOut]


_staff_message = StaffLookup(
    selectors.staff_message, gettext_lazy("该留言不存在，或不在您的权限范围内。")
)


def _agency(agency_id: int):
    agency = Agency.objects.filter(pk=agency_id, is_active=True).first()
    if agency is None:
        raise NotFound(_("没有该机关。"))
    return agency


@router.get("/staff/queue", auth=staff_token, response=StaffPage, summary="留言办理队列")
def staff_queue(
    request,
    state: str = Query("open", description="open / unrouted / all / 某个状态"),
    agency: int | None = id_param(),
    category: str | None = None,
    urgency: str | None = Query(None, description="overdue / due_soon"),
    limit: int = limit_param(50),
    offset: int = offset_param(),
):
    filters = selectors.QueueFilters(
        state=state, agency=agency, category=category or "", urgency=urgency or ""
    )
    items = selectors.staff_queue(request.user, filters)
    return page(items, limit, offset, selectors.with_reply_urgency)


@router.get(
    "/staff/{int:message_id}", auth=staff_token, response=StaffMessageDetail, summary="留言详情"
)
def staff_detail(request, message_id: int):
    return _staff_message(request, message_id)


class AssignIn(Schema):
    agency_id: int
    category: str = ""
    comment: str = ""


class TransferIn(Schema):
    agency_id: int
    reason: str
    category: str = ""


class MessageReplyIn(Schema):
    body: str
    publish: bool = False


class ExtendIn(Schema):
    length: int
    reason: str


class ReasonIn(Schema):
    reason: str


def _done(request, message_id):
    message = selectors.staff_message(request.user, message_id)
    return message


@router.post(
    "/staff/{int:message_id}/assign", auth=staff_token, response=StaffMessageDetail, summary="派单"
)
def staff_assign(request, message_id: int, data: AssignIn):
    message = _staff_message(request, message_id)
    services.assign_message(
        message=message,
        agency=_agency(data.agency_id),
        actor=request.user,
        category=data.category,
        comment=data.comment,
    )
    return _staff_message(request, message_id)


@router.post(
    "/staff/{int:message_id}/transfer",
    auth=staff_token,
    response={200: StaffMessageDetail, 204: None},
    summary="转办",
)
def staff_transfer(request, message_id: int, data: TransferIn):
    message = _staff_message(request, message_id)
    services.transfer_message(
        message=message,
        agency=_agency(data.agency_id),
        actor=request.user,
        reason=data.reason,
        category=data.category,
    )
    after = _done(request, message_id)
    return Status(200, after) if after is not None else Status(204, None)


@router.post(
    "/staff/{int:message_id}/return",
    auth=staff_token,
    response={200: StaffMessageDetail, 204: None},
    summary="错派退回",
)
def staff_return(request, message_id: int, data: ReasonIn):
    message = _staff_message(request, message_id)
    services.return_misrouted(message=message, actor=request.user, reason=data.reason)
    after = _done(request, message_id)
    return Status(200, after) if after is not None else Status(204, None)


@router.post(
    "/staff/{int:message_id}/reply", auth=staff_token, response=StaffMessageDetail, summary="答复"
)
def staff_reply(request, message_id: int, data: MessageReplyIn):
    return _staff_message.act(
        request,
        message_id,
        lambda message: services.reply_to_message(
            message=message, actor=request.user, body=data.body, publish=data.publish
        ),
    )


@router.post(
    "/staff/{int:message_id}/extend",
    auth=staff_token,
    response=StaffMessageDetail,
    summary="延期答复",
)
def staff_extend(request, message_id: int, data: ExtendIn):
    return _staff_message.act(
        request,
        message_id,
        lambda message: services.extend_message(
            message=message, actor=request.user, length=data.length, reason=data.reason
        ),
    )
