"""Reads of 问责. Staff reads are scoped by "accountability.view" (the general office's
supervisors see every agency's cases; an agency's staff those of their agency subtree); the
public sees closed 通报批评 cases published as a notice."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from sunshine.kernel.access.policy import scope
from sunshine.kernel.deadlines.selectors import clocks_for, with_time_left
from sunshine.kernel.workflow.selectors import available_transitions, history

from .choices import OPEN_STATES, PUBLISHABLE, CaseState, Outcome, SourceKind, StepKind
from .models import AccountabilityCase, CaseOutcome, CaseStep
from .rules import HANDLE


def _rich(qs: QuerySet[AccountabilityCase]) -> QuerySet[AccountabilityCase]:
    return qs.select_related("agency", "opened_by").prefetch_related(
        Prefetch("outcomes", queryset=CaseOutcome.objects.order_by("id"))
    )


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _period(qs, since: dt.date | None, until: dt.date | None, field_name: str = "opened_at"):
    """Cases opened from the start of `since` to the end of `until` (local days)."""
    if since:
        qs = qs.filter(**{f"{field_name}__gte": _start(since)})
    if until:
        qs = qs.filter(**{f"{field_name}__lt": _start(until + dt.timedelta(days=1))})
    return qs


# --- Staff -----------------------------------------------------------------------------------


def visible_cases(user) -> QuerySet[AccountabilityCase]:
    return scope(user, "accountability.view", AccountabilityCase.objects.all())


@dataclass
class CaseFilters:
    state: str = ""  # a CaseState value, or "open"
    agency_id: int | None = None
    source_kind: str = ""
    outcome: str = ""
    q: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def staff_cases(user, filters: CaseFilters | None = None) -> QuerySet[AccountabilityCase]:
    f = filters or CaseFilters()
    qs = visible_cases(user)
    if f.state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif f.state in CaseState.values:
        qs = qs.filter(state=f.state)
    if f.agency_id:
        qs = qs.filter(agency_id=f.agency_id)
    if f.source_kind in SourceKind.values:
        qs = qs.filter(source_kind=f.source_kind)
    if f.outcome in Outcome.values:
        qs = qs.filter(pk__in=CaseOutcome.objects.filter(kind=f.outcome).values("case_id"))
    if f.q:
        qs = qs.filter(title__icontains=f.q.strip())
    qs = _period(qs, f.since, f.until)
    return _rich(qs).order_by("-opened_at", "-id")


def case_for_staff(user, pk) -> AccountabilityCase | None:
    pk = _as_int(pk)
    if pk is None:
        return None
    return _rich(visible_cases(user)).filter(pk=pk).first()


def case_agencies(user):
    """The agencies that have cases the user may see (for the list's filter)."""
    from sunshine.kernel.orgs.models import Agency

    return Agency.objects.filter(pk__in=visible_cases(user).values("agency_id")).order_by("name")


def case_steps(case: AccountabilityCase) -> QuerySet[CaseStep]:
    return case.steps.select_related("actor").order_by("at", "id")


def case_history(case: AccountabilityCase):
    return history(case)


def case_actions(case: AccountabilityCase, user):
    return available_transitions(case, user)


def case_clock(case: AccountabilityCase):
    """The case's clock (open or stopped, the latest), with its time left as of now."""
    found = clocks_for(case).filter(rule=HANDLE).order_by("-started_at", "-pk").first()
    return with_time_left([found])[0] if found is not None else None


def cases_of_source(user, obj) -> QuerySet[AccountabilityCase]:
    """The cases opened from `obj` that the user may see, newest first (for the source's
    page)."""
    content_type = ContentType.objects.get_for_model(obj)
    return visible_cases(user).filter(source_type=content_type, source_id=obj.pk)


def outcome_labels(case: AccountabilityCase) -> list[str]:
    return [str(o.get_kind_display()) for o in case.outcomes.all()]


# --- Statistics per agency ---------------------------------------------------------------------


@dataclass
class AgencyRow:
    agency_id: int | None
    agency_name: str
    total: int = 0
    states: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    outcomes: dict = field(default_factory=dict)


@dataclass
class Statistics:
    rows: list[AgencyRow]
    totals: AgencyRow
    since: dt.date | None = None
    until: dt.date | None = None


def _counts(prefix: str, name: str, values) -> dict:
    return {f"{prefix}_{v}": Count("pk", filter=Q(**{name: v})) for v in values}


def statistics(
    user, *, since: dt.date | None = None, until: dt.date | None = None, agency_id=None
) -> Statistics:
    """Per agency (问责对象单位), the cases opened in the period that the user may see: the
    total, by state, by source and by outcome (a case with two outcomes counts under each).
    Two queries."""
    qs = _period(visible_cases(user), since, until)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    grouped = (
        qs.values("agency_id", "agency__name")
        .annotate(
            total=Count("pk"),
            **_counts("state", "state", CaseState.values),
            **_counts("source", "source_kind", SourceKind.values),
        )
        .order_by("agency__name", "agency_id")
    )
    outcome_counts = (
        CaseOutcome.objects.filter(case__in=qs.values("pk"))
        .values("case__agency_id", "kind")
        .annotate(n=Count("case_id", distinct=True))
    )
    by_agency: dict = {}
    for row in outcome_counts:
        by_agency.setdefault(row["case__agency_id"], {})[row["kind"]] = row["n"]
    totals = AgencyRow(agency_id=None, agency_name="")
    totals.states = dict.fromkeys(CaseState.values, 0)
    totals.sources = dict.fromkeys(SourceKind.values, 0)
    totals.outcomes = dict.fromkeys(Outcome.values, 0)
    rows = []
    for g in grouped:
        row = AgencyRow(
            agency_id=g["agency_id"],
            agency_name=g["agency__name"],
            total=g["total"],
            states={s: g[f"state_{s}"] for s in CaseState.values},
            sources={k: g[f"source_{k}"] for k in SourceKind.values},
            outcomes={o: by_agency.get(g["agency_id"], {}).get(o, 0) for o in Outcome.values},
        )
        rows.append(row)
        totals.total += row.total
        for part in ("states", "sources", "outcomes"):
            mine, all_ = getattr(row, part), getattr(totals, part)
            for key, n in mine.items():
                all_[key] += n
    return Statistics(rows=rows, totals=totals, since=since, until=until)


# --- Public: 问责结果通报 ---------------------------------------------------------------------------


def public_cases() -> QuerySet[AccountabilityCase]:
    return (
        AccountabilityCase.objects.filter(
            is_published=True,
            state=CaseState.CLOSED,
            outcomes__kind=PUBLISHABLE,
        )
        .select_related("agency")
        .prefetch_related(Prefetch("outcomes", queryset=CaseOutcome.objects.order_by("id")))
        .order_by("-published_at", "-id")
    )


def public_case(pk) -> AccountabilityCase | None:
    pk = _as_int(pk)
    if pk is None:
        return None
    return public_cases().filter(pk=pk).first()


# --- Sources ---------------------------------------------------------------------------------


def source_for(kind: str, pk):
    """The source object `pk` of `kind` with what a new case copies from it (sources.SourceRef:
    title, url, agency, and `problem`: why it may not be a source now), or None."""
    from .sources import resolve

    return resolve(kind, pk)


def source_ref(kind: str, obj):
    """The same for an object already read (a source page's own object)."""
    from .sources import SOURCES, ref_for

    return ref_for(kind, obj) if kind in SOURCES else None


def open_case_of_source(ref) -> AccountabilityCase | None:
    return (
        AccountabilityCase.objects.filter(
            source_type=ref.content_type, source_id=ref.obj.pk, state__in=OPEN_STATES
        )
        .order_by("-opened_at")
        .first()
    )


# --- Waiting for a user (the workbench queue) ----------------------------------------------------


def cases_to_handle(user) -> QuerySet[AccountabilityCase]:
    """Open cases the user handles (the general office's supervisors), earliest due first;
    each row has `handle_due_at` (its clock's due time)."""
    from sunshine.kernel.deadlines.selectors import with_open_clock

    qs = scope(
        user, "accountability.handle", AccountabilityCase.objects.filter(state__in=OPEN_STATES)
    )
    qs = with_open_clock(qs, HANDLE, prefix="handle")
    return qs.order_by(F("handle_due_at").asc(nulls_last=True), "pk")


def cases_to_answer(user) -> QuerySet[AccountabilityCase]:
    """Cases of the user's agencies still open to the agency's 情况说明 and without one."""
    return (
        scope(
            user,
            "accountability.respond",
            AccountabilityCase.objects.filter(state__in=(CaseState.FILED, CaseState.INVESTIGATED)),
        )
        .exclude(steps__kind=StepKind.STATEMENT)
        .order_by("opened_at", "pk")
    )
