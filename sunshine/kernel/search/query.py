"""The public search: one function for every page and API that searches (portal, /api/v1).

Only documents that are public and already visible (`is_public` and `visible_from <= now`)
are ever counted, faceted, suggested or returned: the condition is part of every statement.

A query that names a 文号 or 索引号 (`粤府办〔2016〕1号`, also `粤府办[2016]1号`; or a prefix
such as `粤府办〔2016〕`) is answered from the exact keys, narrowed by the other words of the
query; if no key matches, the whole query is searched as text. An empty query lists by date.
"""

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sunshine.kernel import clock

from . import highlight
from .backends import RANK_LIMIT, TABLE, Match, current
from .keys import KeyQuery, parse_keys
from .models import SearchDocument
from .registry import label_of
from .segment import QueryTerm, query_terms

MAX_QUERY_CHARS = 200
MAX_PER_PAGE = 100
SORTS = ("relevance", "date")
FACETS = ("year", "agency", "topic", "kind", "doc_type")
_EQUAL_FILTERS = {
    "agency_id": ("d.agency_id", int),
    "year": ("d.year", int),
    "topic": ("d.topic", str),
    "kind": ("d.kind", str),
    "validity": ("d.validity", str),
}
_ALL_ROWS = Match(from_sql=f"{TABLE} d", where_sql="1 = 1", score_sql="0", params=[])


@dataclass(frozen=True)
class FacetValue:
    value: Any
    label: str
    count: int


@dataclass
class SearchHit:
    doc_type: str
    doc_type_label: str
    object_id: str
    title: SafeString  # escaped, matches in <mark>
    snippet: SafeString  # escaped, matches in <mark>
    url: str
    date: dt.date | None
    agency_id: int | None
    agency_name: str
    doc_number: str
    index_number: str
    year: int | None
    topic: str
    kind: str
    validity: str
    extra: dict
    score: float
    exact: bool  # found by its 文号 / 索引号


@dataclass
class SearchResults:
    q: str
    total: int
    page: int
    per_page: int
    sort: str
    hits: list[SearchHit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str | None = None  # "did you mean", only when nothing was found

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _in(column: str, values: list) -> tuple[str, list]:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _conditions(backend, *, doc_types, filters: dict | None) -> tuple[str, list]:
    ops = connection.ops
    clauses = ["d.is_public = %s", "d.visible_from <= %s"]
    params: list = [True, ops.adapt_datetimefield_value(clock.now())]
    if doc_types:
        sql, values = _in("d.doc_type", list(doc_types))
        clauses.append(sql)
        params += values
    for name, value in (filters or {}).items():
        if value is None or value == "" or (isinstance(value, list | tuple | set) and not value):
            continue
        try:
            if name in _EQUAL_FILTERS:
                column, kind = _EQUAL_FILTERS[name]
                values = value if isinstance(value, list | tuple | set) else [value]
                sql, values = _in(column, [kind(v) for v in values])
            elif name == "agency_subtree_path":
                sql, values = backend.prefix("d.agency_path", str(value))
            elif name in ("date_from", "date_to"):
                day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
                sql = "d.date >= %s" if name == "date_from" else "d.date <= %s"
                values = [ops.adapt_datefield_value(day)]
            else:
                raise ValueError(_("未知的检索筛选条件：%(name)s") % {"name": name})
        except (TypeError, ValueError) as exc:
            if name not in _EQUAL_FILTERS and name not in ("date_from", "date_to"):
                raise
            raise ValueError(_("检索筛选条件“%(name)s”的取值无效。") % {"name": name}) from exc
        clauses.append(sql)
        params += values
    return " AND ".join(clauses), params


def _key_condition(backend, keys: KeyQuery) -> tuple[str, list]:
    clauses, params = [], []
    for column, exact, prefixes in (
        ("d.doc_key", keys.doc_exact, keys.doc_prefixes),
        ("d.index_key", keys.index_exact, keys.index_prefixes),
    ):
        if exact:
            sql, values = _in(column, list(exact))
            clauses.append(sql)
            params += values
        for prefix in prefixes:
            sql, values = backend.prefix(column, prefix)
            clauses.append(sql)
            params += values
    return "(" + " OR ".join(clauses) + ")", params


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _count_and_facets(match: Match, where: str, params: list, with_facets: bool):
    base = f"FROM {match.from_sql} WHERE {match.where_sql} AND {where}"
    if not with_facets:
        return _fetch(f"SELECT COUNT(*) {base}", match.params + params)[0][0], {}
    columns = "d.year, d.agency_id, d.agency_name, d.topic, d.kind, d.doc_type"
    rows = _fetch(f"SELECT {columns}, COUNT(*) {base} GROUP BY {columns}", match.params + params)
    counts: dict[str, dict] = {name: defaultdict(int) for name in FACETS}
    labels: dict[Any, str] = {}
    total = 0
    for year, agency_id, agency_name, topic, kind, doc_type, n in rows:
        total += n
        for name, value in (
            ("year", year), ("agency", agency_id), ("topic", topic), ("kind", kind),
            ("doc_type", doc_type),
        ):  # fmt: skip
            if value not in (None, ""):
                counts[name][value] += n
        if agency_id is not None:
            labels[agency_id] = agency_name
    facets = {}
    for name, values in counts.items():
        if name == "year":
            ordered = sorted(values.items(), key=lambda item: -item[0])
        else:
            ordered = sorted(values.items(), key=lambda item: (-item[1], str(item[0])))
        facets[name] = [
            FacetValue(
                value=value,
                label=(
                    labels.get(value, "")
                    if name == "agency"
                    else label_of(value)
                    if name == "doc_type"
                    else str(value)
                ),
                count=n,
            )
            for value, n in ordered
        ]
    return total, facets


def _page(match: Match, where: str, params: list, *, sort: str, limit: int, offset: int):
    order = "d.date DESC NULLS LAST, d.id DESC"
    if sort == "relevance":
        order = "score DESC, " + order
    sql = (
        f"SELECT d.id, {match.score_sql} AS score FROM {match.from_sql} "
        f"WHERE {match.where_sql} AND {where} ORDER BY {order} LIMIT %s OFFSET %s"
    )
    return _fetch(sql, match.score_params + match.params + params + [limit, offset])


def _found(backend, terms: list[QueryTerm], where: str, params: list) -> bool:
    # A count, not "LIMIT 1": for a rare word PostgreSQL would pick a sequential scan,
    # hoping to stop early, and read every vector.
    return _count_and_facets(backend.match(terms), where, params, False)[0] > 0


def _suggest(backend, terms: list[QueryTerm], where: str, params: list) -> str | None:
    """Nothing matched all words: suggest the longest run of them that finds something,
    skipping the words that break it (阳光政务 火星 → 阳光政务). Counts only public
    documents, so a suggestion never hints at a hidden one."""
    if len(terms) < 2:
        return None
    alive = [t for t in terms if _found(backend, [t], where, params)]
    if not alive:
        return None
    kept = [alive[0]]
    for term in alive[1:]:
        if _found(backend, [*kept, term], where, params):
            kept.append(term)
    return " ".join(t.word for t in kept)


def _hit(doc: SearchDocument, score: float, rx, exact: bool) -> SearchHit:
    return SearchHit(
        doc_type=doc.doc_type,
        doc_type_label=label_of(doc.doc_type),
        object_id=doc.object_id,
        title=highlight.highlight(doc.title, rx),
        snippet=highlight.snippet(doc.text.body, rx),
        url=doc.url,
        date=doc.date,
        agency_id=doc.agency_id,
        agency_name=doc.agency_name,
        doc_number=doc.doc_number,
        index_number=doc.index_number,
        year=doc.year,
        topic=doc.topic,
        kind=doc.kind,
        validity=doc.validity,
        extra=doc.extra,
        score=float(score or 0),
        exact=exact,
    )


@dataclass
class _Plan:
    """One way to answer a query: full-text words, an exact-key condition, both, or neither
    (a listing by date)."""

    terms: list[QueryTerm] = field(default_factory=list)
    key: tuple[str, list] | None = None
    shown: list[QueryTerm | str] = field(default_factory=list)  # what hits highlight
    exact: bool = False  # found by 文号 / 索引号

    def match(self, backend, *, broad: bool = False) -> Match:
        if self.terms:
            m = backend.match(self.terms, broad=broad)
            if self.key is None:
                return m
            key_sql, key_params = self.key
            return Match(m.from_sql, f"{m.where_sql} AND {key_sql}", m.score_sql,
                         m.params + key_params, m.score_params)  # fmt: skip
        if self.key is not None:
            return Match(f"{TABLE} d", self.key[0], "1.0", self.key[1])
        return _ALL_ROWS


def search(
    q: str = "",
    *,
    doc_types: list[str] | None = None,
    filters: dict | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    facets: bool = True,
) -> SearchResults:
    """Search the public index. `filters`: agency_id, agency_subtree_path (an Agency.path:
    the agency and everything under it), year, topic, kind, validity (each a value or a
    list of values), date_from, date_to. `sort`: "relevance" or "date"."""
    if sort not in SORTS:
        raise ValueError(_("排序方式只能是 relevance 或 date。"))
    q = " ".join((q or "").split())[:MAX_QUERY_CHARS]
    page = max(1, int(page))
    per_page = min(max(1, int(per_page)), MAX_PER_PAGE)
    backend = current()
    where, params = _conditions(backend, doc_types=doc_types, filters=filters)
    results = SearchResults(q=q, total=0, page=page, per_page=per_page, sort=sort)

    plans: list[_Plan] = []
    terms: list[QueryTerm] = []
    if not q:
        plans.append(_Plan())
        sort = "date"
    else:
        keys = parse_keys(q)
        if keys:
            rest = [t for t in query_terms(keys.rest) if not t.prefix] if keys.rest else []
            key = _key_condition(backend, keys)
            plans.append(_Plan(terms=rest, key=key, shown=[*rest, *keys.labels], exact=True))
        terms = query_terms(q)
        if terms:  # the text search; for a 文号 query only when no key matched
            plans.append(_Plan(terms=terms, shown=list(terms)))

    results.sort = sort
    if not plans:  # nothing searchable in the query (punctuation only)
        return results
    chosen = plans[-1]
    for plan in plans:
        results.total, results.facets = _count_and_facets(
            plan.match(backend), where, params, facets
        )
        if results.total:
            chosen = plan
            break
    total = results.total
    if total == 0:
        if terms:
            results.suggestion = _suggest(backend, terms, where, params)
        return results

    offset = (page - 1) * per_page
    if offset >= total:
        return results
    match = chosen.match(backend, broad=total > RANK_LIMIT)
    rows = _page(match, where, params, sort=sort, limit=per_page, offset=offset)
    docs = SearchDocument.objects.select_related("text").in_bulk([row[0] for row in rows])
    results.hits = [
        _hit(docs[pk], score, highlight.matcher(_shown(chosen.shown, docs[pk])), chosen.exact)
        for pk, score in rows
        if pk in docs
    ]
    return results


def _shown(words: list[QueryTerm | str], doc: SearchDocument) -> tuple[str, ...]:
    """The words to mark in a hit: a compound's parts only where the compound is absent (a
    query for 阳光政务 marks 阳光 and 政务 apart, but not 政务 inside 政务公开 next to it)."""
    text = f"{doc.title} {doc.text.body}".lower()
    shown: list[str] = []
    for item in words:
        if isinstance(item, str):
            shown.append(item)
        elif item.word in text or not item.parts:
            shown.append(item.word)
        else:
            shown.extend(item.parts)
    return tuple(shown)
