"""Writes to the search index. Modules call these from their own services when an item
changes (published, revised, withdrawn, embargo moved), inside their transaction.

The index is derived data: these functions check no permission and write no audit event;
the module's act that caused them did both. Below them: the query counts of the portal
(record_query) and the staff synonym groups (acts of their own: permission and audit). Visibility is part of every document
(`is_public`, `visible_from`); the public query never returns a document that is not public
or not yet visible, so a module indexes non-public items freely (or removes them).
"""

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock

from . import segment, synonyms
from .keys import normalize_doc_number, normalize_index_number
from .models import ALWAYS, SearchDocument, SearchQueryCount, SearchText, SynonymGroup
from .registry import get_doc_type, register_doc_type  # noqa: F401  (public interface)
from .segment import add_terms  # noqa: F401  (public interface)

BODY_LIMIT = 200_000  # characters of body kept and indexed (PostgreSQL tsvector ≤ 1 MB)
TITLE_LIMIT = 500
_FIELDS = {
    "doc_type", "object_id", "title", "body", "url", "is_public", "visible_from", "agency",
    "doc_number", "index_number", "year", "topic", "kind", "validity", "date", "extra",
}  # fmt: skip
_UPDATE_FIELDS = [
    f.name
    for f in SearchDocument._meta.concrete_fields
    if f.name not in {"id", "doc_type", "object_id"}
]
_TEXT_FIELDS = ["body", "title_tokens", "body_tokens"]


@cache
def _dictionary_version() -> str:
    material = segment.DICT_PATH.read_bytes() + segment.SYNONYMS_PATH.read_bytes()
    return hashlib.sha256(material).hexdigest()[:16]


def _aware(value: dt.datetime | dt.date | None) -> dt.datetime:
    if value is None:
        return ALWAYS
    if not isinstance(value, dt.datetime):  # a date: from the start of that day, local time
        value = dt.datetime.combine(value, dt.time.min)
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _day(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value) if value else None
        except ValueError:
            raise ValueError(_("检索文档的日期无效：%(value)s") % {"value": value}) from None
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


@dataclass
class _Prepared:
    key: tuple[str, str]
    digest: str
    fields: dict[str, Any]


def _prepare(doc: dict) -> _Prepared:
    unknown = set(doc) - _FIELDS
    if unknown:
        raise TypeError(_("未知的检索字段：%(names)s") % {"names": ", ".join(sorted(unknown))})
    doc_type = get_doc_type(doc["doc_type"]).name
    object_id = str(doc["object_id"])
    if not object_id or len(object_id) > 64:
        raise ValueError(_("检索对象编号须为 1 至 64 个字符。"))
    title = (doc.get("title") or "").strip()[:TITLE_LIMIT]
    if not title:
        raise ValueError(_("检索文档须有标题。"))
    agency = doc.get("agency")
    date = _day(doc.get("date"))
    year = doc.get("year") or (date.year if date else None)
    fields = {
        "doc_type": doc_type,
        "object_id": object_id,
        "title": title,
        "body": (doc.get("body") or "")[:BODY_LIMIT],
        "url": doc["url"],
        "is_public": bool(doc["is_public"]),
        "visible_from": _aware(doc.get("visible_from")),
        "agency_id": agency.pk if agency is not None else None,
        "agency_path": (getattr(agency, "path", "") or "") if agency is not None else "",
        "agency_name": (str(getattr(agency, "name", "")) if agency is not None else "")[:100],
        "doc_number": (doc.get("doc_number") or "").strip(),
        "index_number": (doc.get("index_number") or "").strip(),
        "year": int(year) if year else None,
        "topic": doc.get("topic") or "",
        "kind": doc.get("kind") or "",
        "validity": doc.get("validity") or "",
        "date": date,
        "extra": doc.get("extra") or {},
    }
    fields["doc_key"] = normalize_doc_number(fields["doc_number"])
    fields["index_key"] = normalize_index_number(fields["index_number"])
    material = json.dumps(
        [segment.SEGMENT_VERSION, _dictionary_version(), fields],
        sort_keys=True,
        ensure_ascii=False,
        cls=DjangoJSONEncoder,
    )
    digest = hashlib.sha256(material.encode()).hexdigest()
    # Derived from doc_key, so not part of the digest (documents indexed before it existed
    # got it from migration 0004 and are not rewritten for it).
    fields["doc_key_reversed"] = fields["doc_key"][::-1]
    return _Prepared(key=(doc_type, object_id), digest=digest, fields=fields)


def _document(prepared: _Prepared, now: dt.datetime) -> SearchDocument:
    fields = {k: v for k, v in prepared.fields.items() if k != "body"}
    return SearchDocument(**fields, digest=prepared.digest, indexed_at=now)


def _text(prepared: _Prepared, doc_id: int) -> SearchText:
    fields = prepared.fields
    return SearchText(
        doc_id=doc_id,
        body=fields["body"],
        title_tokens=segment.index_tokens(fields["title"]),
        body_tokens=segment.index_tokens(fields["body"]),
    )


@dataclass
class BulkResult:
    written: int = 0
    unchanged: int = 0


def _write_batch(batch: list[_Prepared], *, force: bool) -> BulkResult:
    unique = {p.key: p for p in batch}  # the last version of a key wins
    known: dict[tuple[str, str], str] = {}
    by_type: dict[str, list[str]] = {}
    for doc_type, object_id in unique:
        by_type.setdefault(doc_type, []).append(object_id)
    for doc_type, object_ids in by_type.items():
        rows = SearchDocument.objects.filter(doc_type=doc_type, object_id__in=object_ids)
        for object_id, digest in rows.values_list("object_id", "digest"):
            known[(doc_type, object_id)] = digest
    changed = [p for key, p in unique.items() if force or known.get(key) != p.digest]
    if changed:
        now = clock.now()
        SearchDocument.objects.bulk_create(
            [_document(p, now) for p in changed],
            update_conflicts=True,
            unique_fields=["doc_type", "object_id"],
            update_fields=_UPDATE_FIELDS,
        )
        ids: dict[tuple[str, str], int] = {}
        for doc_type in {p.key[0] for p in changed}:
            object_ids = [p.key[1] for p in changed if p.key[0] == doc_type]
            rows = SearchDocument.objects.filter(doc_type=doc_type, object_id__in=object_ids)
            for object_id, pk in rows.values_list("object_id", "id"):
                ids[(doc_type, object_id)] = pk
        SearchText.objects.bulk_create(
            [_text(p, ids[p.key]) for p in changed],
            update_conflicts=True,
            unique_fields=["doc"],
            update_fields=_TEXT_FIELDS,
        )
    return BulkResult(written=len(changed), unchanged=len(unique) - len(changed))


@transaction.atomic
def index_document(
    *,
    doc_type: str,
    object_id: int | str,
    title: str,
    body: str,
    url: str,
    is_public: bool,
    visible_from: dt.datetime | dt.date | None = None,
    agency=None,
    doc_number: str = "",
    index_number: str = "",
    year: int | None = None,
    topic: str = "",
    kind: str = "",
    validity: str = "",
    date: dt.date | None = None,
    extra: dict | None = None,
) -> bool:
    """Add or replace the document (doc_type, object_id). `agency` is a kernel Agency (its
    id, tree path and name are copied). `visible_from` None means visible as soon as
    public. Returns False when the document was already indexed with the same content."""
    prepared = _prepare(
        dict(
            doc_type=doc_type, object_id=object_id, title=title, body=body, url=url,
            is_public=is_public, visible_from=visible_from, agency=agency,
            doc_number=doc_number, index_number=index_number, year=year, topic=topic,
            kind=kind, validity=validity, date=date, extra=extra,
        )
    )  # fmt: skip
    return _write_batch([prepared], force=False).written == 1


def bulk_index(docs: Iterable[dict], *, batch: int = 500, force: bool = False) -> BulkResult:
    """Index many documents (dicts with index_document's keywords), one transaction and one
    multi-row upsert per batch; unchanged documents are skipped unless `force` (after a
    dictionary change)."""
    result = BulkResult()
    pending: list[_Prepared] = []

    def flush():
        with transaction.atomic():
            done = _write_batch(pending, force=force)
        result.written += done.written
        result.unchanged += done.unchanged
        pending.clear()

    for doc in docs:
        pending.append(_prepare(doc))
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    return result


@transaction.atomic
def remove_document(*, doc_type: str, object_id: int | str) -> bool:
    """Take a document out of the index (withdrawn, deleted). Returns whether it was there."""
    deleted, _ = SearchDocument.objects.filter(doc_type=doc_type, object_id=str(object_id)).delete()
    return deleted > 0


@transaction.atomic
def remove_documents(*, doc_type: str, object_ids: Iterable[int | str] | None = None) -> int:
    """Remove the given documents of a type, or all of them (`object_ids=None`)."""
    rows = SearchDocument.objects.filter(doc_type=doc_type)
    if object_ids is not None:
        rows = rows.filter(object_id__in=[str(o) for o in object_ids])
    _, per_model = rows.delete()
    return per_model.get(SearchDocument._meta.label, 0)


# --- 检索词统计 (query counts) -------------------------------------------------------------------

# Text that may be someone's personal data is never counted: an ID card or phone number (a
# run of 11+ digits; a 索引号 has 9), an e-mail address.
_PERSONAL_RE = re.compile(r"\d{11,}|\d{6,}[xX]|@")
QUERY_COUNT_DAYS = 90  # rows older than this are deleted (prune_query_counts)


def record_query(q: str, *, found: bool) -> bool:
    """Count one portal search of `q` today (and whether it found something). Nothing about
    the visitor is stored. Returns False when the query was not counted (empty, too long, or
    looking like personal data)."""
    query = " ".join(unicodedata.normalize("NFKC", q or "").lower().split())
    if not query or len(query) > SearchQueryCount._meta.get_field("query").max_length:
        return False
    if _PERSONAL_RE.search(query):
        return False
    table = SearchQueryCount._meta.db_table
    # One statement on both databases (SQLite ≥ 3.24 and PostgreSQL have ON CONFLICT).
    sql = (
        f"INSERT INTO {table} (day, query, searches, found) VALUES (%s, %s, 1, %s)"  # nosec B608
        " ON CONFLICT (day, query) DO UPDATE SET searches = "
        f"{table}.searches + 1, found = {table}.found + excluded.found"
    )
    day = connection.ops.adapt_datefield_value(clock.today())
    with connection.cursor() as cursor:
        cursor.execute(sql, [day, query, 1 if found else 0])
    return True


def prune_query_counts() -> int:
    """Delete query counts older than QUERY_COUNT_DAYS (a periodic job)."""
    since = clock.today() - dt.timedelta(days=QUERY_COUNT_DAYS)
    deleted, _ = SearchQueryCount.objects.filter(day__lt=since).delete()
    return deleted


# --- 同义词组 (staff synonym groups) --------------------------------------------------------------

MANAGE_SYNONYMS = "search.synonyms.manage"


def _check_may_manage(actor) -> None:
    from sunshine.kernel.access.policy import can_anywhere

    if not can_anywhere(actor, MANAGE_SYNONYMS):
        raise PermissionDenied(_("您没有维护检索同义词的权限。"))


def _checked_words(words: str, *, group: SynonymGroup | None = None) -> str:
    bad = synonyms.invalid_words(words)
    if bad:
        raise ValidationError(
            {
                "words": _(
                    "这些词不能作为同义词：%(words)s。每个词须为 2 至 %(n)d 个字，只含汉字、字母或数字。"
                )
                % {"words": "、".join(bad), "n": synonyms.MAX_WORD_CHARS}
            }
        )
    cleaned = synonyms.clean_words(words)
    if len(cleaned) < 2:
        raise ValidationError({"words": _("请至少填写两个不同的词，用空格分开。")})
    if len(cleaned) > synonyms.MAX_GROUP_WORDS:
        raise ValidationError(
            {"words": _("一组最多 %(n)d 个词。") % {"n": synonyms.MAX_GROUP_WORDS}}
        )
    text = " ".join(cleaned)
    if len(text) > SynonymGroup._meta.get_field("words").max_length:
        raise ValidationError({"words": _("这一组的词太多了，请分成几组。")})
    same = SynonymGroup.objects.filter(is_active=True, words=text)
    if group is not None:
        same = same.exclude(pk=group.pk)
    if same.exists() or tuple(cleaned) in synonyms.file_groups():
        raise ValidationError({"words": _("已有完全相同的同义词组。")})
    return text


@transaction.atomic
def add_synonym_group(*, words: str, note: str = "", actor) -> SynonymGroup:
    """Add a group of words that search treats as one; in effect at once (synonyms.py)."""
    from sunshine.kernel.audit.services import record_event

    _check_may_manage(actor)
    now = clock.now()
    group = SynonymGroup.objects.create(
        words=_checked_words(words),
        note=(note or "").strip()[:200],
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    record_event(
        action="search.synonyms.add",
        actor=actor,
        obj=group,
        summary=_("添加检索同义词：%(words)s") % {"words": group.words},
        after={"words": group.words, "note": group.note, "is_active": True},
    )
    synonyms.changed()
    return group


@transaction.atomic
def change_synonym_group(
    *, group: SynonymGroup, words: str, note: str = "", is_active: bool, actor
) -> SynonymGroup:
    """Change a staff group's words or note, or switch it off (is_active False) or on."""
    from sunshine.kernel.audit.services import record_event

    _check_may_manage(actor)
    group = SynonymGroup.objects.select_for_update().get(pk=group.pk)
    before = {"words": group.words, "note": group.note, "is_active": group.is_active}
    group.words = (
        _checked_words(words, group=group)
        if is_active
        else " ".join(synonyms.clean_words(words) or group.word_list)
    )
    group.note = (note or "").strip()[:200]
    group.is_active = is_active
    group.updated_at = clock.now()
    group.save()
    after = {"words": group.words, "note": group.note, "is_active": group.is_active}
    if after != before:
        summary = (
            _("修改检索同义词：%(words)s") if is_active else _("停用检索同义词：%(words)s")
        ) % {"words": group.words}
        record_event(
            action="search.synonyms.change", actor=actor, obj=group, summary=summary,
            before=before, after=after,
        )  # fmt: skip
        synonyms.changed()
    return group
