"""Reads of 好差评. Staff reads are scoped by the permission policy ("rating.view_staff");
public reads return only what the 好差评公示 shows (aggregate numbers and published outcomes,
never who rated)."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet

from sunshine.kernel.access.policy import agencies_for, scope

from .choices import BAD_LEVELS, LEVEL_ORDER, OPEN_CASE_STATES, CaseState
from .models import Rating, RectificationCase


def ratings_for(obj) -> QuerySet[Rating]:
    """Every rating of `obj` (whole item and steps)."""
    content_type = ContentType.objects.get_for_model(obj)
    return Rating.objects.filter(content_type=content_type, object_id=obj.pk).order_by("step", "pk")


def rating_of(obj, step: str = "") -> Rating | None:
    return ratings_for(obj).filter(step=step).first()


def _filtered(qs, *, kind=None, agency_ids=None, since=None, until=None, prefix=""):
    if kind:
        qs = qs.filter(**{f"{prefix}kind": kind})
    if agency_ids is not None:
        qs = qs.filter(**{f"{prefix}agency_id__in": list(agency_ids)})
    if since is not None:
        qs = qs.filter(**{f"{prefix}created_at__gte": _moment(since)})
    if until is not None:
        qs = qs.filter(**{f"{prefix}created_at__lt": _moment(until, end=True)})
    return qs


def _moment(value, end: bool = False):
    """A date is the whole day (`until` a date includes that day)."""
    if isinstance(value, dt.datetime):
        return value
    from django.utils import timezone

    day = value + dt.timedelta(days=1) if end else value
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _aggregates() -> dict:
    bad = Q(level__in=list(BAD_LEVELS))
    fields = {level: Count("pk", filter=Q(level=level)) for level in LEVEL_ORDER}
    fields.update(
        total=Count("pk"),
        bad=Count("pk", filter=bad),
        default_count=Count("pk", filter=Q(is_default=True)),
    )
    return fields


def _shape(row: dict) -> dict:
    total = row.get("total") or 0
    bad = row.get("bad") or 0
    return {
        "total": total,
        "counts": {level: row.get(level) or 0 for level in LEVEL_ORDER},
        "bad": bad,
        "satisfaction_rate": (total - bad) / total if total else None,
        "default_count": row.get("default_count") or 0,
    }


def satisfaction_summary(*, kind=None, agency_ids=None, since=None, until=None) -> dict:
    """{"total", "counts": {level: n}, "bad", "satisfaction_rate" (share of non-bad ratings,
    0..1, None when nothing was rated), "default_count"} in one aggregate query. `since` /
    `until` are dates (inclusive) or datetimes (until exclusive)."""
    qs = _filtered(Rating.objects.all(), kind=kind, agency_ids=agency_ids, since=since, until=until)
    return _shape(qs.aggregate(**_aggregates()))


def satisfaction_by_agency(*, kind=None, agency_ids=None, since=None, until=None) -> list[dict]:
    """One row per agency that has ratings: the summary plus "agency_id", "agency_name";
    best satisfaction first. One grouped query."""
    qs = _filtered(Rating.objects.all(), kind=kind, agency_ids=agency_ids, since=since, until=until)
    rows = qs.values("agency_id", "agency__name", "agency__path").annotate(**_aggregates())
    result = []
    for row in rows.order_by("agency__path"):
        shaped = _shape(row)
        shaped.update(agency_id=row["agency_id"], agency_name=row["agency__name"])
        result.append(shaped)
    return result


def case_counts_by_agency(*, agency_ids=None, since=None, until=None) -> dict[int, dict]:
    """Per agency: cases opened, called back, on time (rectified within the clock), published;
    and the callback rate (the rule: 100% of real-name 差评). One grouped query."""
    qs = RectificationCase.objects.all()
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    if since is not None:
        qs = qs.filter(opened_at__gte=_moment(since))
    if until is not None:
        qs = qs.filter(opened_at__lt=_moment(until, end=True))
    rows = qs.values("agency_id").annotate(
        cases=Count("pk"),
        called_back=Count("pk", filter=Q(callback_at__isnull=False)),
        open=Count("pk", filter=Q(state__in=[str(s) for s in OPEN_CASE_STATES])),
        published=Count("pk", filter=Q(state=CaseState.PUBLISHED)),
        overdue=Count("pk", filter=Q(clock__urgency="overdue", clock__state="running")),
        late=Count("pk", filter=Q(clock__met_deadline=False)),
    )
    result = {}
    for row in rows:
        row["callback_rate"] = row["called_back"] / row["cases"] if row["cases"] else None
        result[row["agency_id"]] = row
    return result


def summary_for_user(user, *, kind=None, since=None, until=None) -> dict:
    """The summary over the agencies the user may see (staff dashboards)."""
    ids = agencies_for(user, "rating.view_staff").values_list("pk", flat=True)
    return satisfaction_summary(kind=kind, agency_ids=ids, since=since, until=until)


def _cases(qs) -> QuerySet[RectificationCase]:
    return qs.select_related("agency", "rating", "clock")


def open_cases(user=None, *, agency_ids=None, kind=None, state=None) -> QuerySet[RectificationCase]:
    """Cases not yet rectified or closed (open, called back, verified), most urgent first;
    with `user`, only those of the agencies the user may see."""
    qs = RectificationCase.objects.filter(state__in=[str(s) for s in OPEN_CASE_STATES])
    return staff_cases(user, agency_ids=agency_ids, kind=kind, state=state, qs=qs)


def staff_cases(
    user=None, *, agency_ids=None, kind=None, state=None, qs=None
) -> QuerySet[RectificationCase]:
    qs = RectificationCase.objects.all() if qs is None else qs
    if user is not None:
        qs = scope(user, "rating.view_staff", qs)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    return _cases(qs).order_by("clock__due_at", "-opened_at", "pk")


def case_for_staff(user, pk: int) -> RectificationCase | None:
    qs = scope(user, "rating.view_staff", RectificationCase.objects.all())
    return (
        _cases(qs)
        .select_related("rating__rater", "callback_by", "verified_by")
        .filter(pk=pk)
        .first()
    )


def case_of(rating: Rating) -> RectificationCase | None:
    return RectificationCase.objects.filter(rating=rating).first()


def published_cases(*, agency_ids=None, kind=None) -> QuerySet[RectificationCase]:
    """Public: the published outcomes (no rater, no internal notes), latest first."""
    qs = RectificationCase.objects.filter(state=CaseState.PUBLISHED)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    if kind:
        qs = qs.filter(kind=kind)
    return (
        qs.select_related("agency", "rating")
        .only(
            "pk",
            "kind",
            "title",
            "state",
            "opened_at",
            "outcome_text",
            "published_at",
            "agency__name",
            "rating__level",
            "rating__comment",
            "rating__created_at",
        )
        .order_by("-published_at", "-pk")
    )


def published_case(pk: int) -> RectificationCase | None:
    return published_cases().filter(pk=pk).first()
