"""Reads of 行政执法公示. Public reads return published and withdrawn decisions with what may be
shown: a natural person's name masked (张**), never an ID number (`public_view`). Staff reads are
scoped to the user's agencies by the kernel policy (`enforcement.view_staff`)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from sunshine.kernel.access.policy import scope
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import with_open_clock

from .choices import DecisionKind, DecisionState, PartyKind, PenaltyCategory
from .models import CaseRecord, EnforcementDecision

S = DecisionState
PUBLIC_STATES = (S.PUBLISHED, S.WITHDRAWN)


def mask_person(name: str) -> str:
    """张三 → 张*, 欧阳小明 → 欧***: the family name's first character stays."""
    name = (name or "").strip()
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


@dataclass(frozen=True)
class PublicDecision:
    """What the public sees of a decision (masked)."""

    pk: int
    kind: str
    kind_label: str
    doc_number: str
    title: str
    party_name: str
    party_kind_label: str
    credit_code: str
    legal_rep: str
    basis: str
    content: str
    facts: str
    categories: list
    fine_amount: object
    confiscated_amount: object
    license_number: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    decided_on: dt.date | None
    published_at: dt.datetime | None
    agency_name: str
    agency_id: int
    withdrawn: bool
    withdraw_reason: str
    withdrawn_at: dt.datetime | None

    # Amounts as people write them: 0.5, 12 — never 0.5000 nor 1.2E+1.
    @property
    def fine_text(self) -> str:
        return _plain(self.fine_amount)

    @property
    def confiscated_text(self) -> str:
        return _plain(self.confiscated_amount)


def _plain(value) -> str:
    return "" if value is None else f"{value.normalize():f}"


def public_view(d: EnforcementDecision) -> PublicDecision:
    person = d.party_kind == PartyKind.PERSON
    withdrawn = d.state == S.WITHDRAWN
    return PublicDecision(
        pk=d.pk,
        kind=d.kind,
        kind_label=str(DecisionKind(d.kind).label),
        doc_number=d.doc_number,
        title=d.title,
        party_name=mask_person(d.party_name) if person else d.party_name,
        party_kind_label=str(PartyKind(d.party_kind).label),
        credit_code="" if person else d.credit_code,
        legal_rep="" if person else d.legal_rep,
        # A withdrawn decision keeps its number, title and reason; its content is taken down.
        basis="" if withdrawn else d.basis,
        content="" if withdrawn else d.content,
        facts="" if withdrawn else d.facts,
        categories=[str(PenaltyCategory(c).label) for c in d.penalty_categories],
        fine_amount=None if withdrawn else d.fine_amount,
        confiscated_amount=None if withdrawn else d.confiscated_amount,
        license_number="" if withdrawn else d.license_number,
        valid_from=d.valid_from,
        valid_to=d.valid_to,
        decided_on=d.decided_on,
        published_at=d.published_at,
        agency_name=d.agency.name,
        agency_id=d.agency_id,
        withdrawn=withdrawn,
        withdraw_reason=d.withdraw_reason,
        withdrawn_at=d.withdrawn_at,
    )


def public_decisions(
    *, q: str = "", kind: str = "", agency_id: int | None = None, include_withdrawn=False
) -> QuerySet[EnforcementDecision]:
    """Published decisions, newest first; searched by 文书号, 名称 or 行政相对人 (a natural
    person is found by the masked name only: their real name is not searchable), 统一社会信用代码."""
    rows = EnforcementDecision.objects.filter(
        state__in=PUBLIC_STATES if include_withdrawn else (S.PUBLISHED,)
    ).select_related("agency")
    if kind in DecisionKind.values:
        rows = rows.filter(kind=kind)
    if agency_id:
        from sunshine.kernel.orgs.models import Agency

        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is None:
            return rows.none()
        rows = rows.filter(agency__path__startswith=agency.path)
    for word in (q or "").split()[:6]:
        word = word[:50]
        rows = rows.filter(
            Q(doc_number__icontains=word)
            | Q(title__icontains=word)
            | Q(credit_code__iexact=word)
            | (~Q(party_kind=PartyKind.PERSON) & Q(party_name__icontains=word))
        )
    return rows.order_by("-published_at", "-pk")


def public_decision(pk: int) -> EnforcementDecision | None:
    return (
        EnforcementDecision.objects.filter(pk=pk, state__in=PUBLIC_STATES)
        .select_related("agency")
        .first()
    )


def public_agencies():
    from sunshine.kernel.orgs.models import Agency

    ids = EnforcementDecision.objects.filter(state=S.PUBLISHED).values("agency_id")
    return Agency.objects.filter(pk__in=ids).order_by("path")


# Staff reads


def decisions_for_staff(
    user, *, kind: str = "", state: str = "", agency_id: int | None = None, q: str = ""
) -> QuerySet[EnforcementDecision]:
    rows = scope(user, "enforcement.view_staff", EnforcementDecision.objects.all())
    if kind in DecisionKind.values:
        rows = rows.filter(kind=kind)
    if state == "late":
        rows = rows.filter(Q(published_late=True) | Q(pk__in=_overdue_ids()))
    elif state in S.values:
        rows = rows.filter(state=state)
    if agency_id:
        rows = rows.filter(agency_id=agency_id)
    for word in (q or "").split()[:6]:
        rows = rows.filter(
            Q(doc_number__icontains=word[:50])
            | Q(title__icontains=word[:50])
            | Q(party_name__icontains=word[:50])
        )
    rows = with_open_clock(rows.select_related("agency"), "enforcement.publish")
    return rows.order_by("-updated_at", "-pk")


def decision_for_staff(user, pk: int) -> EnforcementDecision | None:
    return (
        scope(user, "enforcement.view_staff", EnforcementDecision.objects.all())
        .select_related("agency")
        .filter(pk=pk)
        .first()
    )


def records_of(decision) -> QuerySet[CaseRecord]:
    return decision.records.select_related("recorded_by")


def _overdue_ids():
    """Decisions whose publication clock ran past its due time and is still open."""
    from django.contrib.contenttypes.models import ContentType

    from sunshine.kernel import clock

    ct = ContentType.objects.get_for_model(EnforcementDecision)
    return Clock.objects.filter(
        content_type=ct,
        rule="enforcement.publish",
        state__in=[Clock.State.RUNNING, Clock.State.PAUSED],
        due_at__lt=clock.now(),
    ).values("object_id")


def timeliness_by_agency(user) -> list[dict]:
    """双公示 timeliness per agency (the general office's view): published on time, published
    late, decided and overdue now, decided and still within time."""
    rows = scope(user, "enforcement.view_staff", EnforcementDecision.objects.all())
    overdue = set(_overdue_ids().values_list("object_id", flat=True))
    counts = (
        rows.values("agency_id", "agency__name", "agency__path")
        .annotate(
            on_time=Count("pk", filter=Q(state__in=PUBLIC_STATES, published_late=False)),
            late=Count("pk", filter=Q(state__in=PUBLIC_STATES, published_late=True)),
            waiting=Count("pk", filter=Q(state=S.DECIDED)),
        )
        .order_by("agency__path")
    )
    overdue_by_agency: dict[int, int] = {}
    for agency_id in rows.filter(pk__in=overdue).values_list("agency_id", flat=True):
        overdue_by_agency[agency_id] = overdue_by_agency.get(agency_id, 0) + 1
    result = []
    for row in counts:
        overdue_now = overdue_by_agency.get(row["agency_id"], 0)
        published = row["on_time"] + row["late"]
        result.append(
            {
                "agency_id": row["agency_id"],
                "agency": row["agency__name"],
                "on_time": row["on_time"],
                "late": row["late"],
                "overdue": overdue_now,
                "waiting": row["waiting"] - overdue_now,
                "rate": round(100 * row["on_time"] / published, 1) if published else None,
            }
        )
    return result
