"""Reads of public-opinion events.

Public reads (`public_*`) return only published responses and, of their events, what the
portal may show (title, agency, level, first seen): never the captured items, their sentiment,
the summary or the internal clocks. Staff reads are scoped in the query: staff of the
responsible or of the involved agency (and those above them), the general office
(supervisors) everywhere."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from sunshine.kernel import clock as time_source
from sunshine.kernel.access.policy import scope
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import clocks_for, clocks_in_urgency, with_time_left
from sunshine.kernel.deadlines.services import current_urgency
from sunshine.kernel.workcalendar.calendar import current_calendar

from .choices import OpinionLevel, OpinionState, Sentiment
from .clocks import OPINION_RULES
from .models import OpinionEvent, OpinionItem, OpinionResponse, ResponsibilityChange

HANDLER_ROLES = [Role.DRAFTER, Role.REVIEWER, Role.APPROVER, Role.DISCLOSURE_OFFICER]


def event_url(event) -> str:
    try:
        return reverse("workbench:opinion_detail", args=[event.pk])
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


# --- The general office's overdue notices -------------------------------------------------


def overdue_opinion_clocks(at) -> QuerySet[Clock]:
    """Running clocks of opinion events past their due time at `at`."""
    return Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(OpinionEvent),
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
    """An event with its published responses (oldest first), or None when it has none."""
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
    return event, responses


def level_choices():
    return OpinionLevel.choices
