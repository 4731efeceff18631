"""Government information (政府信息) in the site search: kernel/search doc type "record".

- The records services call `record_changed(record)` (through `services._public_changed`)
  whenever a record enters the public site, changes on it or leaves it: publish, scheduled
  publication, revise (the new version's content), repeal / expire (有效性), withdraw. After
  the transaction commits, the index is made to agree with the record as it then is: indexed
  when public, removed otherwise. Idempotent (an unchanged document is not rewritten); a
  failure is logged and retried by the task worker.
- Only public records are ever indexed (`selectors.public_records`); the index keeps
  visibility too, so a hidden record could not be found even if it were there.
- The body indexed is the record's body plus the extracted text of its attachments. While an
  attachment's text is still being extracted, the task worker indexes the record again later.
- Bulk: `index_records(ids)` (one multi-row upsert per batch; used after an import) and the
  task `index_records_task`; `manage.py search_reindex --type record` rebuilds everything and
  removes documents of records that are no longer public.
- `search_public(...)`: the public search (portal /search/ and GET /api/v1/search) with the
  filters of the records (公开主体, 年份, 主题分类, 公文种类, 有效性) and facet labels.
"""

import logging
import threading
import time
from collections.abc import Iterable, Iterator

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django_tasks import task

from sunshine.kernel.files.models import Attachment
from sunshine.kernel.files.selectors import attachments_for
from sunshine.kernel.jobs.retry import retrying
from sunshine.kernel.orgs.models import Agency
from sunshine.kernel.search.query import FacetValue, SearchResults, search
from sunshine.kernel.search.segment import add_terms
from sunshine.kernel.search.services import (
    BulkResult,
    bulk_index,
    index_document,
    remove_document,
    remove_documents,
)

from .choices import DocKind, Topic, Validity
from .models import DisclosureRecord
from .selectors import SEARCH_DOC_TYPE, public_records, search_payload

logger = logging.getLogger(__name__)

DETAIL_URL_NAME = "portal:records_detail"
BATCH = 500


# --- Documents -------------------------------------------------------------------------


def record_url(pk: int) -> str:
    """The record's public page (/zcwj/<pk>/)."""
    try:
        return reverse(DETAIL_URL_NAME, args=[pk])
    except NoReverseMatch:  # the portal's records pages not mounted (yet)
        return f"/zcwj/{pk}/"


def _public_with_body():
    return public_records().defer(None).select_related("current_version")


def document_for(record: DisclosureRecord, attachment_text: str = "") -> dict:
    """The keywords of `index_document` for a public record."""
    doc = search_payload(record)
    doc["url"] = record_url(record.pk)
    if attachment_text:
        doc["body"] = f"{record.body}\n\n{attachment_text}" if record.body else attachment_text
    return doc


def _attachment_texts(record_ids: list[int]) -> dict[int, str]:
    """The extracted attachment text of many records in one query (kernel/files has the
    per-owner `attachment_text`)."""
    content_type = ContentType.objects.get_for_model(DisclosureRecord)
    texts: dict[int, list[str]] = {}
    rows = (
        Attachment.objects.filter(
            content_type=content_type,
            object_id__in=record_ids,
            extraction_status=Attachment.Extraction.DONE,
        )
        .exclude(text="")
        .order_by("object_id", "position", "pk")
        .values_list("object_id", "text")
    )
    for object_id, text in rows:
        texts.setdefault(object_id, []).append(text)
    return {pk: "\n\n".join(parts) for pk, parts in texts.items()}


def _has_pending_attachments(record_id: int) -> bool:
    record = DisclosureRecord(pk=record_id)
    return attachments_for(record).filter(extraction_status=Attachment.Extraction.PENDING).exists()


# --- The segmenter's words -------------------------------------------------------------

TERMS_MAX_AGE = 300.0  # seconds; agencies are added rarely
_terms_lock = threading.Lock()
_terms_loaded_at: float | None = None


def ensure_segment_terms(*, force: bool = False) -> int:
    """Teach jieba every agency's name, short name and 机关代字 (广东省交通运输厅, 粤府办), so
    that they stay whole in documents and queries. Cheap after the first call: reloaded at
    most every few minutes (one query). Returns how many new words were added."""
    global _terms_loaded_at
    now = time.monotonic()
    if not force and _terms_loaded_at is not None and now - _terms_loaded_at < TERMS_MAX_AGE:
        return 0
    with _terms_lock:
        rows = Agency.objects.filter(is_active=True).values_list("name", "short_name", "doc_prefix")
        added = add_terms({term for row in rows for term in row if term})
        _terms_loaded_at = now
    return added


# --- One record ------------------------------------------------------------------------


def sync_record(record_id: int) -> str:
    """Make the index agree with the record as it is now: "indexed", "unchanged",
    "removed" or "absent" (not public and not in the index)."""
    ensure_segment_terms()
    record = _public_with_body().filter(pk=record_id).first()
    if record is None:
        return (
            "removed"
            if remove_document(doc_type=SEARCH_DOC_TYPE, object_id=record_id)
            else "absent"
        )
    text = _attachment_texts([record.pk]).get(record.pk, "")
    return "indexed" if index_document(**document_for(record, text)) else "unchanged"


class AttachmentsPending(Exception):
    """The record's attachments are still being extracted: index it again later."""


@task()
@retrying(max_attempts=8, backoff_seconds=30.0, max_backoff_seconds=1800.0)
def index_record_task(record_id: int) -> str:
    """Sync one record's document (retried: after a failure, or until the text of its
    attachments is extracted)."""
    outcome = sync_record(record_id)
    if outcome in ("indexed", "unchanged") and _has_pending_attachments(record_id):
        raise AttachmentsPending(record_id)
    return outcome


def _enqueue(record_id: int) -> None:
    try:
        index_record_task.enqueue(record_id)
    except Exception:  # the queue is down too; `search_reindex` repairs
        logger.exception("could not enqueue search indexing of record %s", record_id)


def _after_commit(record_id: int) -> None:
    try:
        outcome = sync_record(record_id)
    except Exception:  # the record's change is committed; the index follows later
        logger.exception("search indexing of record %s failed; queued for a retry", record_id)
        _enqueue(record_id)
        return
    if outcome in ("indexed", "unchanged") and _has_pending_attachments(record_id):
        _enqueue(record_id)


def record_changed(record: DisclosureRecord) -> None:
    """Call inside the transaction that changed a record's public face (state, content,
    validity, attachments): the index follows once the transaction commits."""
    record_id = record.pk
    transaction.on_commit(lambda: _after_commit(record_id))


# --- Many records ----------------------------------------------------------------------


def _chunks(ids: list[int], size: int = BATCH) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def documents(record_ids: Iterable[int] | None = None) -> Iterator[dict]:
    """The documents of the given public records (all public records when None), read in
    batches; non-public ids are left out."""
    if record_ids is None:
        ids = list(public_records().order_by("pk").values_list("pk", flat=True))
    else:
        ids = sorted(set(record_ids))
    ensure_segment_terms()
    for chunk in _chunks(ids):
        records = list(_public_with_body().filter(pk__in=chunk).order_by("pk"))
        texts = _attachment_texts([r.pk for r in records])
        for record in records:
            yield document_for(record, texts.get(record.pk, ""))


def remove_non_public(record_ids: Iterable[int] | None = None) -> int:
    """Take out of the index every given record (all when None) that is not public."""
    qs = DisclosureRecord.objects.exclude(pk__in=public_records().values("pk"))
    if record_ids is not None:
        qs = qs.filter(pk__in=list(record_ids))
    ids = list(qs.order_by("pk").values_list("pk", flat=True))
    return sum(
        remove_documents(doc_type=SEARCH_DOC_TYPE, object_ids=chunk) for chunk in _chunks(ids)
    )


def index_records(record_ids: Iterable[int] | None = None, *, force: bool = False) -> BulkResult:
    """Bring the index in line with many records at once (after an import; demo data): the
    public ones are upserted in batches, the others removed."""
    ids = None if record_ids is None else list(record_ids)
    remove_non_public(ids)
    return bulk_index(documents(ids), batch=BATCH, force=force)


@task()
@retrying(max_attempts=3, backoff_seconds=60.0)
def index_records_task(record_ids: list[int] | None = None) -> dict:
    result = index_records(record_ids)
    return {"written": result.written, "unchanged": result.unchanged}


def reindex_documents() -> Iterator[dict]:
    """The `reindex` callable of the "record" doc type (manage.py search_reindex): drops the
    documents of records that are no longer public, then yields every public record."""
    remove_non_public()
    yield from documents()


# --- The public search -----------------------------------------------------------------

FACET_LABELS = {"topic": dict(Topic.choices), "kind": dict(DocKind.choices)}
FILTER_CHOICES = {
    "topic": Topic.choices,
    "kind": DocKind.choices,
    "validity": Validity.choices,
}


def _labelled(facets: dict[str, list[FacetValue]]) -> dict[str, list[FacetValue]]:
    out = {}
    for name, values in facets.items():
        labels = FACET_LABELS.get(name)
        out[name] = [
            FacetValue(v.value, str(labels.get(v.value, v.label)), v.count) if labels else v
            for v in values
        ]
    return out


def search_public(
    q: str = "",
    *,
    agency: int | None = None,
    within: int | None = None,
    year: int | None = None,
    topic: str = "",
    kind: str = "",
    validity: str = "",
    doc_type: str = "",
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
) -> SearchResults:
    """The site search for the public: only public, visible documents. `agency`: that 公开主体
    only (as its facet counts); `within`: an agency and every agency under it; `year`: 成文年份.
    A 文号 or 索引号 in `q` (also a prefix such as 粤府办〔2016〕) is matched exactly."""
    ensure_segment_terms()
    filters: dict = {
        "agency_id": agency,
        "year": year,
        "topic": topic,
        "kind": kind,
        "validity": validity,
    }
    if within is not None:
        path = Agency.objects.filter(pk=within).values_list("path", flat=True).first()
        if path is None:
            return SearchResults(q=q, total=0, page=page, per_page=per_page, sort=sort)
        filters["agency_subtree_path"] = path
    filters = {k: v for k, v in filters.items() if v not in (None, "")}
    results = search(
        q,
        doc_types=[doc_type] if doc_type else None,
        filters=filters,
        sort=sort,
        page=page,
        per_page=per_page,
    )
    results.facets = _labelled(results.facets)
    return results
