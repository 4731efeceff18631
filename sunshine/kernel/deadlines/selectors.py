"""Reads of deadline clocks, scoped by the permission policy ("clock.view")."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from sunshine.kernel import clock as time_source
from sunshine.kernel.access.policy import scope
from sunshine.kernel.workcalendar.calendar import current_calendar

from . import engine
from .models import Clock, ClockAlert, ClockEvent

URGENCY_RANK = Case(
    When(urgency=Clock.Urgency.OVERDUE, then=Value(0)),
    When(urgency=Clock.Urgency.DUE_SOON, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def open_clocks() -> QuerySet[Clock]:
    return Clock.objects.exclude(state=Clock.State.STOPPED)


def clocks_for(obj) -> QuerySet[Clock]:
    """Every clock (open or stopped) held by `obj`, oldest first."""
    content_type = ContentType.objects.get_for_model(obj)
    return Clock.objects.filter(content_type=content_type, object_id=obj.pk).order_by(
        "started_at", "pk"
    )


def clocks_for_user(user, *, agency=None, limit: int | None = None) -> QuerySet[Clock]:
    """The open clocks the user may see (optionally within one agency's subtree): overdue
    first, then due soon, then the earliest due."""
    qs = scope(user, "clock.view", open_clocks())
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    qs = (
        qs.select_related("agency", "content_type")
        .prefetch_related("content_object")
        .annotate(urgency_rank=URGENCY_RANK)
        .order_by("urgency_rank", "due_at", "pk")
    )
    return qs[:limit] if limit else qs


def clock_counts_for_user(user, *, agency=None) -> dict:
    """Counts for a dashboard card: running clocks by urgency, paused, and all open."""
    qs = scope(user, "clock.view", open_clocks())
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    running = Q(state=Clock.State.RUNNING)
    return qs.aggregate(
        overdue=Count("pk", filter=running & Q(urgency=Clock.Urgency.OVERDUE)),
        due_soon=Count("pk", filter=running & Q(urgency=Clock.Urgency.DUE_SOON)),
        on_time=Count("pk", filter=running & Q(urgency=Clock.Urgency.ON_TIME)),
        paused=Count("pk", filter=Q(state=Clock.State.PAUSED)),
        total=Count("pk"),
    )


def clock_for_user(user, pk: int) -> Clock | None:
    return (
        scope(user, "clock.view", Clock.objects.all())
        .select_related("agency", "content_type")
        .filter(pk=pk)
        .first()
    )


def clock_events(clock: Clock) -> QuerySet[ClockEvent]:
    return clock.events.select_related("actor", "approver").order_by("at", "id")


def clock_alerts(clock: Clock) -> QuerySet[ClockAlert]:
    return clock.alerts.select_related("acknowledged_by").order_by("-raised_at")


def with_time_left(clocks, at: dt.datetime | None = None) -> list[Clock]:
    """Set `time_left` on each clock (in its unit; negative when overdue): for a paused clock,
    what was left when it was paused; for a stopped one, None. `time_overdue` is the positive
    amount once overdue (for display). One calendar read for all."""
    cal, at = current_calendar(), at or time_source.now()
    result = list(clocks)
    for clock in result:
        clock.time_left = clock.time_overdue = None
        if clock.state == Clock.State.STOPPED:
            continue
        moment = clock.paused_at if clock.state == Clock.State.PAUSED else at
        clock.time_left = engine.remaining(cal, unit=clock.unit, due_at=clock.due_at, at=moment)
        clock.time_overdue = -clock.time_left if clock.time_left < 0 else 0
    return result
