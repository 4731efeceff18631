"""Reads of policy interpretations (政策解读).

Public reads (`public_*`, `interpretation_for_public`) only ever return published
interpretations of records that are public themselves (published 主动公开, as the records
selectors decide): drafts, ready and withdrawn interpretations, and interpretations of
records that are not (or no longer) public never reach the portal, feeds or the public API.
Staff reads are scoped by "interpretation.view_staff" in the query."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from sunshine.disclosure.records.choices import DisclosureMode
from sunshine.disclosure.records.selectors import public_records, staff_records
from sunshine.disclosure.records.workflow import RecordState
from sunshine.kernel.access.policy import scope
from sunshine.kernel.files.models import Attachment
from sunshine.kernel.workflow.selectors import AvailableTransition, available_transitions, history

from .coverage import CoverageRow, interpretation_coverage  # noqa: F401  (re-exported)
from .models import Interpretation, InterpretationWaiver
from .publication import CLOSED_RECORD_STATES
from .workflow import InterpretationState as S

LIVE_STATES = (S.READY, S.PUBLISHED)  # satisfy the "needs interpretation" rule


# --- Public ------------------------------------------------------------------------------


def _attachments_prefetch() -> Prefetch:
    return Prefetch("attachments", queryset=Attachment.objects.order_by("position", "pk"))


def public_interpretations(
    *, agency=None, within=None, record=None, kind: str | None = None
) -> QuerySet[Interpretation]:
    """Published interpretations of public records, newest first (bodies deferred).
    `agency`: that agency only; `within`: an agency and its subtree; `record`: one record."""
    qs = Interpretation.objects.filter(state=S.PUBLISHED, record__in=public_records().values("pk"))
    if agency is not None:
        qs = qs.filter(agency=agency)
    if within is not None:
        qs = qs.filter(agency__path__startswith=within.path)
    if record is not None:
        qs = qs.filter(record=record)
    if kind:
        qs = qs.filter(kind=kind)
    return (
        qs.select_related("agency", "record")
        .defer("record__body", "record__withheld_reason")
        .order_by("-published_at", "-pk")
    )


def interpretation_for_public(pk) -> Interpretation | None:
    """One public interpretation with its record, agency and attachments, or None."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        Interpretation.objects.filter(
            pk=pk, state=S.PUBLISHED, record__in=public_records().values("pk")
        )
        .select_related("agency", "record", "record__issuer")
        .prefetch_related(_attachments_prefetch())
        .first()
    )


def public_interpretations_for_record(record) -> list[Interpretation]:
    """The 相关解读 of a public record's page (empty when the record is not public)."""
    if not record.is_public:
        return []
    return list(
        Interpretation.objects.filter(record=record, state=S.PUBLISHED)
        .select_related("agency")
        .defer("body")
        .order_by("published_at", "pk")
    )


def public_attachment(interpretation: Interpretation, attachment_pk) -> Attachment | None:
    """An attachment of a public interpretation (None for anyone else's)."""
    try:
        attachment_pk = int(attachment_pk)
    except (TypeError, ValueError):
        return None
    return next((a for a in interpretation.attachments.all() if a.pk == attachment_pk), None)


# --- The publication rule ----------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    """Where a record stands with the "needs interpretation" rule."""

    needed: bool
    ready_count: int  # interpretations ready or published
    waiver: InterpretationWaiver | None

    @property
    def satisfied(self) -> bool:
        return not self.needed or self.ready_count > 0 or self.waiver is not None


def interpretation_requirement(record) -> Requirement:
    if not record.needs_interpretation:
        return Requirement(False, 0, None)
    ready = Interpretation.objects.filter(record=record, state__in=LIVE_STATES).count()
    waiver = InterpretationWaiver.objects.filter(record=record).select_related("approved_by")
    return Requirement(True, ready, waiver.first())


# --- Staff -------------------------------------------------------------------------------


def staff_interpretations(
    user,
    *,
    agency=None,
    state: str | None = None,
    kind: str | None = None,
    q: str | None = None,
) -> QuerySet[Interpretation]:
    """Every interpretation the staff user may see (their agencies' subtrees; supervisors
    all), most recently changed first."""
    qs = scope(user, "interpretation.view_staff", Interpretation.objects.all())
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        q = q.strip()
        qs = qs.filter(
            Q(title__icontains=q) | Q(record__title__icontains=q) | Q(record__doc_number=q)
        )
    return (
        qs.select_related("agency", "record", "author")
        .defer("body", "record__body", "record__withheld_reason")
        .order_by("-updated_at", "-pk")
    )


def interpretation_for_staff(user, pk) -> Interpretation | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        scope(user, "interpretation.view_staff", Interpretation.objects.all())
        .select_related("agency", "record", "record__agency", "author")
        .prefetch_related(_attachments_prefetch())
        .filter(pk=pk)
        .first()
    )


def interpretations_of_record(record) -> QuerySet[Interpretation]:
    """All interpretations of a record, for staff who may see the record."""
    return (
        Interpretation.objects.filter(record=record)
        .select_related("author")
        .defer("body")
        .order_by("created_at", "pk")
    )


def interpretation_actions(interpretation: Interpretation, user) -> list[AvailableTransition]:
    """The workflow buttons `user` may press on this interpretation now."""
    return available_transitions(interpretation, user)


def interpretation_history(interpretation: Interpretation):
    return history(interpretation)


def records_needing_interpretation(user, *, action: str = "interpretation.draft") -> QuerySet:
    """Records marked "needs interpretation", not yet published, with no ready
    interpretation and no waiver, on which the user may `action` (default: draft one — the
    drafters' queue 待解读; "interpretation.view_staff" for everyone who follows them)."""
    live = Interpretation.objects.filter(record=OuterRef("pk"), state__in=LIVE_STATES)
    waived = InterpretationWaiver.objects.filter(record=OuterRef("pk"))
    records = scope(user, action, staff_records(user))
    return (
        records.filter(needs_interpretation=True, disclosure_mode=DisclosureMode.PROACTIVE)
        .exclude(state__in=[*CLOSED_RECORD_STATES, RecordState.PUBLISHED])
        .exclude(Exists(live))
        .exclude(Exists(waived))
        .order_by("date_written", "pk")
    )
