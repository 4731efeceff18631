"""Reads of citizen messages. Public selectors return published messages only, with the masked
text; staff selectors are scoped by "message.view_staff" (the agency subtree; supervisors see
all, including the "not sure which" messages that wait for dispatch)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Prefetch, Q, QuerySet

from sunshine.kernel import clock
from sunshine.kernel.access.policy import can, scope
from sunshine.kernel.deadlines.selectors import (
    clock_events,
    clocks_for,
    filter_urgency,
    live_urgency,
    with_open_clock,
)
from sunshine.kernel.workflow.selectors import available_transitions, history

from .categories import CATEGORIES
from .models import Message, MessageReply
from .workflow import OPEN_STATES, UNROUTED_STATES, MessageState

# The national website check vetoes a site with messages unanswered for more than 3 months.
UNANSWERED_MONTHS = 3
REPLY_RULE = "message.reply"
URGENCY_FILTERS = ("overdue", "due_soon")


def _published_replies():
    return Prefetch(
        "replies",
        queryset=MessageReply.objects.filter(is_published=True)
        .select_related("agency")
        .only(
            "pk",
            "message_id",
            "agency__name",
            "agency__short_name",
            "replied_at",
            "published_body",
            "is_published",
        ),
        to_attr="published_replies",
    )


@dataclass(frozen=True)
class PublicFilters:
    q: str = ""
    category: str = ""
    agency: int | None = None
    state: str = ""  # "replied" (答复 shown) / "closed"


PUBLIC_STATES = (
    MessageState.REPLIED,
    MessageState.CLOSED,
    MessageState.ARCHIVED,
    MessageState.ASSIGNED,
)


def public_messages(filters: PublicFilters | None = None) -> QuerySet[Message]:
    """Published messages (masked fields only), newest first, with their published reply."""
    f = filters or PublicFilters()
    qs = Message.objects.filter(is_published=True)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.agency:
        qs = qs.filter(agency_id=f.agency)
    if f.state in (MessageState.REPLIED, MessageState.CLOSED, MessageState.ARCHIVED):
        qs = qs.filter(state=f.state)
    if f.q:
        qs = qs.filter(Q(public_subject__icontains=f.q) | Q(public_body__icontains=f.q))
    return (
        qs.select_related("agency")
        .only(
            "pk",
            "public_subject",
            "category",
            "state",
            "submitted_at",
            "replied_at",
            "published_at",
            "votes_up",
            "votes_down",
            "agency__name",
            "agency__short_name",
            "source",
            "author_label",
        )
        .order_by("-submitted_at", "-pk")
    )


def public_message(pk: int) -> Message | None:
    return (
        Message.objects.filter(pk=pk, is_published=True)
        .select_related("agency")
        .prefetch_related(_published_replies())
        .first()
    )


def with_published_replies(messages: QuerySet[Message]) -> QuerySet[Message]:
    return messages.prefetch_related(_published_replies())


def public_categories() -> list[str]:
    """The categories of the filter: the taxonomy's first-level classes (no query)."""
    return list(CATEGORIES)


PUBLIC_AGENCIES_KEY = "messages:public-agencies:v1"


def public_agencies() -> list[tuple[int, str]]:
    """(id, name) of the agencies with published messages, cached for 10 minutes (a full scan
    of the published messages is not worth doing for every list page)."""
    from django.core.cache import cache

    from sunshine.kernel.orgs.models import Agency

    cached = cache.get(PUBLIC_AGENCIES_KEY)
    if cached is None:
        ids = Message.objects.filter(is_published=True, agency__isnull=False).values("agency_id")
        cached = list(Agency.objects.filter(pk__in=ids).order_by("path").values_list("pk", "name"))
        cache.set(PUBLIC_AGENCIES_KEY, cached, 600)
    return cached


def with_reply_clock(qs: QuerySet[Message]) -> QuerySet[Message]:
    """Annotate the open reply clock (kernel deadlines): `reply_due_at`, `reply_state`,
    `reply_unit`, `reply_rule`, `reply_urgency_stored`; `live_urgency(rows, "reply")` then
    sets `reply_urgency`. The message keeps no copy of its due time."""
    return with_open_clock(qs, REPLY_RULE, prefix="reply")


def with_reply_urgency(messages) -> list[Message]:
    """`reply_urgency` (overdue / due_soon / on_time / None) as of now on each message."""
    return live_urgency(messages, prefix="reply")


def my_messages(user) -> QuerySet[Message]:
    """The author's own messages (every state), with all replies and the reply due time."""
    if user is None or not user.is_authenticated:
        return Message.objects.none()
    return (
        with_reply_clock(Message.objects.filter(author=user))
        .select_related("agency")
        .prefetch_related(
            Prefetch("replies", queryset=MessageReply.objects.select_related("agency"))
        )
        .order_by("-submitted_at", "-pk")
    )


def my_message(user, pk: int) -> Message | None:
    return my_messages(user).filter(pk=pk).first()


# ---- staff ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    state: str = "open"  # open / unrouted / <a state> / all
    agency: int | None = None
    category: str = ""
    q: str = ""
    urgency: str = ""  # overdue / due_soon


def staff_messages(user) -> QuerySet[Message]:
    qs = scope(user, "message.view_staff", Message.objects.all())
    if can(user, "message.assign", Message(agency=None)):
        # the dispatchers also see what waits for dispatch (no agency yet)
        qs = qs | Message.objects.filter(agency__isnull=True, state__in=UNROUTED_STATES)
    return qs


def staff_queue(user, filters: QueueFilters | None = None) -> QuerySet[Message]:
    """Open messages first by reply deadline (overdue on top); then the rest. Annotated with
    the reply clock (`with_reply_clock`); `with_reply_urgency` on the page for the colours."""
    f = filters or QueueFilters()
    qs = staff_messages(user).exclude(source="import")
    if f.state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif f.state == "unrouted":
        qs = qs.filter(state__in=UNROUTED_STATES)
    elif f.state in MessageState.values:
        qs = qs.filter(state=f.state)
    if f.agency:
        qs = qs.filter(agency_id=f.agency)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.q:
        qs = qs.filter(Q(subject__icontains=f.q) | Q(body__icontains=f.q))
    qs = with_reply_clock(qs)
    if f.urgency in URGENCY_FILTERS:
        qs = filter_urgency(qs, f.urgency, REPLY_RULE, prefix="reply")
    return (
        qs.select_related("agency", "suggested_agency", "author")
        .defer("body", "public_body")
        .order_by(F("reply_due_at").asc(nulls_last=True), "submitted_at", "pk")
    )


def staff_message(user, pk: int) -> Message | None:
    """One message the user may see, with its reply clock and `reply_urgency` as of now."""
    message = (
        with_reply_clock(staff_messages(user).filter(pk=pk))
        .select_related("agency", "suggested_agency", "author")
        .prefetch_related(
            Prefetch("replies", queryset=MessageReply.objects.select_related("agency", "author"))
        )
        .first()
    )
    return with_reply_urgency([message])[0] if message is not None else None


def overdue_messages(user) -> QuerySet[Message]:
    """For supervisors: open messages past their reply deadline, across agencies."""
    assigned = staff_messages(user).filter(state=MessageState.ASSIGNED)
    return (
        filter_urgency(with_reply_clock(assigned), "overdue", REPLY_RULE, prefix="reply")
        .select_related("agency")
        .defer("body", "public_body")
        .order_by("reply_due_at", "pk")
    )


def unanswered_cutoff(at: dt.datetime | None = None) -> dt.datetime:
    now = at or clock.now()
    month = now.month - UNANSWERED_MONTHS
    year = now.year
    while month <= 0:
        month += 12
        year -= 1
    for day in (now.day, 30, 29, 28):
        try:
            return now.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def long_unanswered(user) -> QuerySet[Message]:
    """Open messages submitted more than 3 months ago: the national check's veto item."""
    return (
        staff_messages(user)
        .filter(state__in=OPEN_STATES, submitted_at__lt=unanswered_cutoff())
        .exclude(source="import")
        .select_related("agency")
        .defer("body", "public_body")
        .order_by("submitted_at", "pk")
    )


def message_history(message: Message):
    """The transition log (who, when, from → to, comment) and the clocks with their events."""
    clocks = list(clocks_for(message))
    return {
        "transitions": list(history(message)),
        "clocks": [(c, list(clock_events(c))) for c in clocks],
    }


def actions_for(message: Message, user):
    return available_transitions(message, user)


def queue_agencies(user):
    """The agencies whose messages the user sees (for the queue's filter)."""
    from sunshine.kernel.access.policy import agencies_for

    return agencies_for(user, "message.view_staff").only("pk", "name", "path").order_by("path")
