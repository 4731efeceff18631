"""Reads of government-information records.

Public reads (`public_*`, `record_for_public`, `search_payload`) only ever return 主动公开
records in the published state with a published version: 依申请公开, 不予公开, drafts,
scheduled, filed and withdrawn records never reach the portal, feeds, sitemaps, search or the
public API. Repealed (废止) and expired (失效) documents stay public with their 有效性.
Staff reads are scoped by "record.view_staff" in the query."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from sunshine.kernel.access.policy import scope
from sunshine.kernel.workflow.selectors import AvailableTransition, available_transitions, history

from .choices import DisclosureMode
from .models import DisclosureRecord, RecordVersion
from .workflow import RecordState

SEARCH_DOC_TYPE = "record"


def _public_base() -> QuerySet[DisclosureRecord]:
    return DisclosureRecord.objects.filter(
        state=RecordState.PUBLISHED,
        disclosure_mode=DisclosureMode.PROACTIVE,
        current_version__isnull=False,
    )


def public_records(
    *,
    agency=None,
    within=None,
    issuer=None,
    topic: str | None = None,
    kind: str | None = None,
    year: int | None = None,
    validity: str | None = None,
    normative: bool | None = None,
) -> QuerySet[DisclosureRecord]:
    """Published 主动公开 records, newest publication first (the body deferred for lists).
    `agency`: that 公开主体 only; `within`: an agency and its subtree; `year`: 成文年份."""
    qs = _public_base()
    if agency is not None:
        qs = qs.filter(agency=agency)
    if within is not None:
        qs = qs.filter(agency__path__startswith=within.path)
    if issuer is not None:
        qs = qs.filter(issuer=issuer)
    if topic:
        qs = qs.filter(topic=topic)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(date_written__year=year)
    if validity:
        qs = qs.filter(validity=validity)
    if normative is not None:
        qs = qs.filter(normative=normative)
    return (
        qs.select_related("agency", "issuer")
        .defer("body", "withheld_reason")
        .order_by("-date_published", "-published_at", "-pk")
    )


def record_for_public(pk) -> DisclosureRecord | None:
    """One public record with everything a detail page shows, or None."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        _public_base().select_related("agency", "issuer", "current_version").filter(pk=pk).first()
    )


def public_related(record: DisclosureRecord) -> QuerySet[DisclosureRecord]:
    """The related records (相关文件) that are public themselves."""
    return (
        _public_base()
        .filter(pk__in=record.related.values("pk"))
        .select_related("issuer")
        .defer("body", "withheld_reason")
        .order_by("-date_published", "-pk")
    )


def public_revision_history(record: DisclosureRecord) -> QuerySet[RecordVersion]:
    """The published versions of a public 规范性文件, newest first (empty otherwise)."""
    if not (record.is_public and record.normative):
        return RecordVersion.objects.none()
    return record.versions.defer("snapshot").order_by("-number")


def staff_records(
    user,
    *,
    agency=None,
    state: str | None = None,
    disclosure_mode: str | None = None,
    q: str | None = None,
) -> QuerySet[DisclosureRecord]:
    """Every record the staff user may see (their agencies' subtrees; supervisors all)."""
    qs = scope(user, "record.view_staff", DisclosureRecord.objects.all())
    if agency is not None:
        qs = qs.filter(agency__path__startswith=agency.path)
    if state:
        qs = qs.filter(state=state)
    if disclosure_mode:
        qs = qs.filter(disclosure_mode=disclosure_mode)
    if q:
        q = q.strip()
        qs = qs.filter(Q(title__icontains=q) | Q(doc_number=q) | Q(index_number=q))
    return qs.select_related("agency", "issuer").defer("body").order_by("-updated_at", "-pk")


def record_for_staff(user, pk) -> DisclosureRecord | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        scope(user, "record.view_staff", DisclosureRecord.objects.all())
        .select_related("agency", "issuer", "current_version", "created_by")
        .filter(pk=pk)
        .first()
    )


def record_content_type() -> ContentType:
    """The content type of records (what kernel clocks and attachments point at)."""
    return ContentType.objects.get_for_model(DisclosureRecord)


def record_history(record: DisclosureRecord):
    """The workflow history shown to staff: who, when, from, to, comment."""
    return history(record)


def record_versions(record: DisclosureRecord) -> QuerySet[RecordVersion]:
    """All published versions, for staff (newest first)."""
    return record.versions.select_related("created_by").order_by("-number")


def record_actions(record: DisclosureRecord, user) -> list[AvailableTransition]:
    """The workflow buttons `user` may press on this record now."""
    return available_transitions(record, user)


def search_payload(record: DisclosureRecord) -> dict:
    """What kernel/search indexes for a record: the keywords of
    `kernel.search.services.index_document(**search_payload(record))` (doc type "record").
    Visibility is part of the document (`is_public`); a record that is not public should be
    removed from the index (`remove_document(doc_type="record", object_id=record.pk)`)."""
    return {
        "doc_type": SEARCH_DOC_TYPE,
        "object_id": record.pk,
        "title": record.title,
        "body": record.body,
        "url": "",  # the portal's detail URL, once the page exists
        "is_public": record.is_public and record.current_version_id is not None,
        "visible_from": record.published_at,
        "agency": record.agency,
        "doc_number": record.doc_number,
        "index_number": record.index_number,
        "year": record.date_written.year,
        "topic": record.topic,
        "kind": record.kind,
        "validity": record.validity,
        "date": record.date_published,
        "extra": {
            "issuer": record.issuer.name,
            "issuer_id": record.issuer_id,
            "date_written": record.date_written.isoformat(),
            "normative": record.normative,
            "keywords": record.keywords,
            "version": record.current_version.number if record.current_version_id else None,
        },
    }
