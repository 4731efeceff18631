"""Reads of public-opinion events.

Public reads (`public_*`) return only published responses and, of their events, what the
portal may show (title, agency, level, first seen): never the captured items, their sentiment,
the summary or the internal clocks, 研判 or 会商. Staff reads are scoped in the query: staff
of the responsible or of the involved agency (and those above them), the general office
(supervisors) everywhere. A 会商's invited agencies see their own part only (`part_for_staff`,
`parts_for_user`), never the event's other reads nor the other parts."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from sunshine.kernel import clock as time_source
from sunshine.kernel.access.policy import scope
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.rules import get_rule
from sunshine.kernel.deadlines.selectors import (
    clocks_for,
    clocks_in_urgency,
    live_urgency,
    open_clock,
    with_open_clock,
    with_time_left,
)
from sunshine.kernel.deadlines.services import current_urgency
from sunshine.kernel.workcalendar.calendar import current_calendar

from .choices import CoordinationState, OpinionLevel, OpinionState, PartState, Sentiment
from .clocks import COORDINATION_REPLY, OPINION_RULES
from .models import (
    CoordinationPart,
    OpinionAnalysis,
    OpinionCoordination,
    OpinionEvent,
    OpinionItem,
    OpinionResponse,
    ResponsibilityChange,
)

HANDLER_ROLES = [Role.DRAFTER, Role.REVIEWER, Role.APPROVER, Role.DISCLOSURE_OFFICER]


def event_url(event) -> str:
    try:
        return reverse("workbench:opinion_detail", args=[event.pk])
    except NoReverseMatch:
        return ""


def coordination_url(coordination) -> str:
    try:
        return reverse("workbench:opinion_coordination", args=[coordination.pk])
    except NoReverseMatch:
        return ""


def part_url(part) -> str:
    try:
        return reverse("workbench:opinion_part", args=[part.pk])
    except NoReverseMatch:
        return ""


def _pk(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- People ------------------------------------------------------------------------------


def agency_handlers(agency) -> list:
    """The staff who handle opinion events for `agency` (a role on the agency itself)."""
    from sunshine.kernel.accounts.models import User

    return list(
        User.objects.filter(
            grants__agency=agency,
            grants__role__in=HANDLER_ROLES,
            is_active=True,
            kind=User.Kind.STAFF,
        ).distinct()
    )


def general_office_supervisors() -> list:
    """The general office (办公厅) staff who watch every agency: the supervisor role."""
    from sunshine.kernel.accounts.models import User

    return list(
        User.objects.filter(
            grants__role=Role.SUPERVISOR, is_active=True, kind=User.Kind.STAFF
        ).distinct()
    )


# --- Staff -------------------------------------------------------------------------------


def _open_clocks_prefetch() -> Prefetch:
    return Prefetch(
        "clocks",
        queryset=Clock.objects.exclude(state=Clock.State.STOPPED).order_by("due_at", "pk"),
        to_attr="open_clocks",
    )


def _visible(user) -> QuerySet[OpinionEvent]:
    base = OpinionEvent.objects.all()
    responsible = scope(user, "opinion.view_staff", base, agency_field="responsible_agency")
    involved = scope(user, "opinion.view_staff", base, agency_field="involved_agency")
    return base.filter(Q(pk__in=responsible.values("pk")) | Q(pk__in=involved.values("pk")))


def staff_events(
    user,
    *,
    state: str | None = None,
    level: str | None = None,
    q: str | None = None,
    overdue: bool = False,
) -> QuerySet[OpinionEvent]:
    """The events the user may see, newest first, with their open clocks (`open_clocks`)."""
    qs = _visible(user)
    if state:
        qs = qs.filter(state=state)
    if level:
        qs = qs.filter(level=level)
    if q:
        qs = qs.filter(title__icontains=q.strip())
    if overdue:
        # any of its open clocks overdue now (kernel deadlines), whether or not the sweep ran
        late = clocks_in_urgency(Clock.Urgency.OVERDUE, OPINION_RULES).filter(
            content_type=ContentType.objects.get_for_model(OpinionEvent),
            object_id=OuterRef("pk"),
        )
        qs = qs.filter(Exists(late))
    return (
        qs.select_related("responsible_agency", "involved_agency")
        .defer("summary", "evaluation_text")
        .prefetch_related(_open_clocks_prefetch())
        .order_by("-first_seen_at", "-pk")
    )


def event_for_staff(user, pk) -> OpinionEvent | None:
    pk = _pk(pk)
    if pk is None:
        return None
    return (
        _visible(user)
        .select_related("responsible_agency", "involved_agency", "created_by", "evaluated_by")
        .filter(pk=pk)
        .first()
    )


def with_live_urgency(clocks, cal=None) -> list[Clock]:
    """Set `live_urgency` (and its label) on each clock: its urgency now, not as the last
    sweep (every 5 minutes) stored it, so a page never shows an overdue clock as on time."""
    cal, at = cal or current_calendar(), time_source.now()
    labels = dict(Clock.Urgency.choices)
    result = list(clocks)
    for clock in result:
        clock.live_urgency = current_urgency(clock, cal, at)
        clock.live_urgency_label = labels[clock.live_urgency]
    return result


def with_live_clocks(events) -> list[OpinionEvent]:
    """`with_live_urgency` on the prefetched `open_clocks` of each event (one calendar read)."""
    cal, result = current_calendar(), list(events)
    for event in result:
        with_live_urgency(event.open_clocks, cal)
    return result


def event_clocks(event) -> list[Clock]:
    """Every clock of the event (running and stopped), with the time left in hours."""
    return with_live_urgency(with_time_left(clocks_for(event).select_related("agency")))


def event_responses(event) -> QuerySet[OpinionResponse]:
    return event.responses.select_related("agency", "created_by").order_by("responded_at", "pk")


def event_items(event, *, label: str | None = None) -> QuerySet[OpinionItem]:
    qs = event.items.all()
    if label:
        qs = qs.filter(sentiment_label=label)
    return qs.order_by("-captured_at", "-pk")


def responsibility_changes(event) -> QuerySet[ResponsibilityChange]:
    return event.responsibility_changes.select_related("from_agency", "to_agency", "actor")


def sentiment_summary(event) -> list[dict]:
    """One row per label (negative, neutral, positive) with count and share (0..1)."""
    counts = {
        Sentiment.NEGATIVE: event.negative_count,
        Sentiment.NEUTRAL: event.neutral_count,
        Sentiment.POSITIVE: event.positive_count,
    }
    total = event.item_count
    return [
        {
            "label": value,
            "name": label,
            "count": counts[value],
            "share": (counts[value] / total) if total else 0.0,
        }
        for value, label in Sentiment.choices
    ]


def open_events_for_queue(user, limit: int) -> list[OpinionEvent]:
    """Events waiting for a response by an agency the user handles, most urgent first."""
    qs = scope(
        user,
        "opinion.respond",
        OpinionEvent.objects.exclude(state=OpinionState.CLOSED),
        agency_field="responsible_agency",
    )
    return list(
        qs.only("pk", "title", "level", "first_seen_at")
        .prefetch_related(_open_clocks_prefetch())
        .order_by("first_seen_at", "pk")[: limit * 2]
    )


# --- 研判 and 会商 (staff) ------------------------------------------------------------------


def event_analyses(event) -> QuerySet[OpinionAnalysis]:
    """The event's 研判, newest first (the first is the current one)."""
    return event.analyses.select_related("analysed_by", "agency", "coordination").order_by(
        "-analysed_at", "-pk"
    )


def event_coordinations(event) -> QuerySet[OpinionCoordination]:
    return event.coordinations.select_related("convenor_agency", "opened_by").order_by(
        "-opened_at", "-pk"
    )


def coordination_for_staff(user, pk) -> OpinionCoordination | None:
    """A 会商 whose event the user may see (the convenor's side: all parts)."""
    pk = _pk(pk)
    if pk is None:
        return None
    return (
        OpinionCoordination.objects.filter(pk=pk, event__in=_visible(user))
        .select_related(
            "event__responsible_agency",
            "event__involved_agency",
            "convenor_agency",
            "opened_by",
            "concluded_by",
            "response",
        )
        .first()
    )


def coordination_default_hours() -> int:
    """The 会商 answer time a new 会商 proposes (the rule's length, DEADLINE_RULES-configurable)."""
    return get_rule(COORDINATION_REPLY).length


def open_part_clock(part):
    return open_clock(part, COORDINATION_REPLY)


def _with_part_clock(qs: QuerySet[CoordinationPart]) -> QuerySet[CoordinationPart]:
    return with_open_clock(qs, COORDINATION_REPLY, prefix="reply")


def coordination_parts(coordination) -> list[CoordinationPart]:
    """Every part of the 会商 (convenor's side) with its clock: `reply_due_at`, live
    `reply_urgency` while pending, and `clock` (also the stopped one: on time or late)."""
    parts = live_urgency(
        _with_part_clock(
            coordination.parts.select_related("agency", "answered_by", "invited_by").order_by("pk")
        ),
        prefix="reply",
    )
    _attach_clocks(parts)
    return parts


def _attach_clocks(parts: list[CoordinationPart]) -> None:
    """Each part's newest clock (one query), as `clock`."""
    by_part = {}
    if parts:
        found = Clock.objects.filter(
            content_type=ContentType.objects.get_for_model(CoordinationPart),
            object_id__in=[p.pk for p in parts],
            rule=COORDINATION_REPLY,
        ).order_by("object_id", "-pk")
        for c in found:
            by_part.setdefault(c.object_id, c)
    for part in parts:
        part.clock = by_part.get(part.pk)


def _answerable(user) -> QuerySet[CoordinationPart]:
    return scope(
        user, "opinion.coordination_answer", CoordinationPart.objects.all(), agency_field="agency"
    )


def part_for_staff(user, pk) -> CoordinationPart | None:
    """One part of a 会商, for the staff of the invited agency (and those above it): the
    question, the event's title and brief, their answer; None for anyone else."""
    pk = _pk(pk)
    if pk is None:
        return None
    parts = list(
        _with_part_clock(
            _answerable(user)
            .filter(pk=pk)
            .select_related(
                "agency",
                "answered_by",
                "coordination__event",
                "coordination__convenor_agency",
                "coordination__opened_by",
            )
        )
    )
    if not parts:
        return None
    live_urgency(parts, prefix="reply")
    _attach_clocks(parts)
    return parts[0]


def parts_for_user(user, *, pending: bool = True, limit: int | None = None) -> list:
    """The 会商 parts of the user's agencies (pending ones by due time, else newest first),
    with their clock annotations and live urgency. One query."""
    qs = _answerable(user).select_related("agency", "coordination__event")
    qs = qs.only(
        "pk",
        "state",
        "question",
        "invited_at",
        "answered_at",
        "agency__name",
        "coordination__topic",
        "coordination__state",
        "coordination__event__title",
        "coordination__event__state",
    )
    if pending:
        qs = _with_part_clock(
            qs.filter(
                state=PartState.PENDING,
                coordination__state=CoordinationState.OPEN,
                coordination__event__state__in=[OpinionState.OPEN, OpinionState.RESPONDING],
            )
        ).order_by(F("reply_due_at").asc(nulls_last=True), "pk")
    else:
        qs = _with_part_clock(qs).order_by("-invited_at", "-pk")
    if limit is not None:
        qs = qs[:limit]
    return live_urgency(qs, prefix="reply")


# --- The general office's overdue notices -------------------------------------------------


def overdue_opinion_clocks(at) -> QuerySet[Clock]:
    """Running clocks of opinion events, and of 会商 parts, past their due time at `at`."""
    events = ContentType.objects.get_for_model(OpinionEvent)
    parts = ContentType.objects.get_for_model(CoordinationPart)
    return Clock.objects.filter(
        Q(content_type=events) | Q(content_type=parts, rule=COORDINATION_REPLY),
        state=Clock.State.RUNNING,
        due_at__lt=at,
    ).order_by("due_at", "pk")


# --- Public ------------------------------------------------------------------------------


def public_responses(*, agency=None) -> QuerySet[OpinionResponse]:
    """Published responses, newest first, with their event's title and the agency."""
    qs = OpinionResponse.objects.filter(is_published=True)
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    return (
        qs.select_related("agency", "event")
        .only(
            "pk",
            "kind",
            "channel",
            "responded_at",
            "text",
            "url",
            "agency__name",
            "agency__path",
            "event__id",
            "event__title",
            "event__level",
            "event__first_seen_at",
        )
        .order_by("-responded_at", "-pk")
    )


def public_events() -> QuerySet[OpinionEvent]:
    """Events with at least one published response (only the fields the portal shows)."""
    published = OpinionResponse.objects.filter(event=OuterRef("pk"), is_published=True)
    return (
        OpinionEvent.objects.filter(Exists(published))
        .select_related("responsible_agency")
        .only(
            "pk",
            "title",
            "level",
            "first_seen_at",
            "state",
            "updated_at",
            "responsible_agency__name",
        )
        .order_by("-first_seen_at", "-pk")
    )


def public_event(pk) -> tuple[OpinionEvent, list[OpinionResponse]] | None:
    """An event with its published responses (oldest first), or None when it has none. A
    response published from a 会商 carries `joint_agencies`: the names of the invited agencies
    that answered their part (the ones that stand behind the 统一口径, 国办发〔2016〕61号 一:
    "确保回应的信息准确一致"); [] for any other response. Nothing else of the 会商 is public."""
    pk = _pk(pk)
    if pk is None:
        return None
    event = public_events().filter(pk=pk).first()
    if event is None:
        return None
    responses = list(
        OpinionResponse.objects.filter(event=event, is_published=True)
        .select_related("agency")
        .order_by("responded_at", "pk")
    )
    joint: dict[int, list[str]] = {}
    answered = (
        CoordinationPart.objects.filter(
            coordination__response__in=[r.pk for r in responses], state=PartState.ANSWERED
        )
        .order_by("agency__path", "pk")
        .values_list("coordination__response_id", "agency__name")
    )
    for response_id, name in answered:
        joint.setdefault(response_id, []).append(name)
    for r in responses:
        r.joint_agencies = joint.get(r.pk, [])
    return event, responses


def level_choices():
    return OpinionLevel.choices
