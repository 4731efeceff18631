"""The public search: one function for every page and API that searches (portal, /api/v1).

Only documents that are public and already visible (`is_public` and `visible_from <= now`)
are ever counted, faceted, suggested or returned: the condition is part of every statement.

A query that names a 文号 or 索引号 (`粤府办〔2016〕1号`, also `粤府办[2016]1号`; or a prefix
such as `粤府办〔2016〕`) is answered from the exact keys, narrowed by the other words of the
query; if no key matches, the whole query is searched as text. An empty query lists by date.

Work per search is bounded, whatever the number of matches (goal: p95 ≤ 100 ms at 100,000
documents on both databases, bench/search.py):
- total and facets are exact up to counting.COUNT_LIMIT matching documents and estimated
  from a sample beyond (`SearchResults.total_exact` False: show "约 N 条");
- up to RANK_LIMIT matches, every match is scored (title bonus + engine relevance); a broader
  query lists its title matches first, then the other matches, each newest first, read from
  the date order without scoring every match;
- hits load the body (for the snippet) of the page's documents only, not their tokens.
"""

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db import connection
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sunshine.kernel import clock

from . import counting, highlight, suggest, synonyms
from .backends import TABLE, TITLE_BONUS, Match, current
from .counting import FacetValue
from .keys import KeyQuery, parse_keys
from .models import SearchDocument
from .querylog import popular_queries
from .registry import label_of
from .segment import QueryTerm, query_terms

MAX_QUERY_CHARS = 200
MAX_PER_PAGE = 100
SORTS = ("relevance", "date")
FACETS = counting.FACETS
RANK_LIMIT = 2000  # up to this many matches (counted exactly), every match is scored
_DATE_ORDER = "d.date DESC NULLS LAST, d.id DESC"
_EQUAL_FILTERS = {
    "agency_id": ("d.agency_id", int),
    "year": ("d.year", int),
    "topic": ("d.topic", str),
    "kind": ("d.kind", str),
    "validity": ("d.validity", str),
}
_ALL_ROWS = Match(from_sql=f"{TABLE} d", where_sql="1 = 1", score_sql="0", params=[])


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
    # Only when nothing was found: the query with one word corrected (suggest.py), each
    # checked to find something.
    corrections: list[str] = field(default_factory=list)
    # False when `total` (and the facet counts) are an estimate: more than
    # counting.COUNT_LIMIT matches. Show "约 N 条".
    total_exact: bool = True

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


def _conditions(backend, *, doc_types, filters: dict | None) -> tuple[str, list, bool]:
    """The visibility conditions and the filters, as SQL on `d`; whether there are filters."""
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
    return " AND ".join(clauses), params, len(clauses) > 2


def _key_condition(backend, keys: KeyQuery, *, primary: bool = False) -> tuple[str, list]:
    """The documents with one of the keys (`primary`: one of the keys as typed)."""
    clauses, params = [], []
    # The end of a 文号 is a prefix of the reversed key.
    suffixes = tuple(s[::-1] for s in keys.doc_suffixes if not primary or s in keys.primary)
    for column, exact, prefixes in (
        ("d.doc_key", keys.doc_exact, keys.doc_prefixes),
        ("d.index_key", keys.index_exact, keys.index_prefixes),
        ("d.doc_key_reversed", (), suffixes),
    ):
        if primary:
            exact = [k for k in exact if k in keys.primary]
            prefixes = [k for k in prefixes if k in keys.primary or column.endswith("reversed")]
        if exact:
            sql, values = _in(column, list(exact))
            clauses.append(sql)
            params += values
        for prefix in prefixes:
            sql, values = backend.prefix(column, prefix)
            clauses.append(sql)
            params += values
    return "(" + " OR ".join(clauses) + ")", params


def _rows(backend, match: Match, where: str, params: list, *, scored: bool, limit: int,
          offset: int):  # fmt: skip
    """(id, score) of the matches in relevance order (`scored`) or newest first."""
    score = match.score_sql if scored else "0"
    order = f"score DESC, {_DATE_ORDER}" if scored else _DATE_ORDER
    sql = (
        f"SELECT d.id, {score} AS score FROM {match.from_sql} "
        f"WHERE {match.where_sql} AND {where} ORDER BY {order} LIMIT %s OFFSET %s"
    )
    score_params = match.score_params if scored else []
    return backend.fetch(sql, score_params + match.params + params + [limit, offset], match.shape)


def _found(backend, terms: list[QueryTerm], where: str, params: list) -> bool:
    return counting.exists(backend, backend.match(terms), where, params)


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


_HIT_FIELDS = (
    "id", "doc_type", "object_id", "title", "url", "date", "agency_id", "agency_name",
    "doc_number", "index_number", "year", "topic", "kind", "validity", "extra", "text__body",
)  # fmt: skip


def _hits(rows: list[tuple], shown: list, exact: bool) -> list[SearchHit]:
    """The page's hits in the order of `rows` ((id, score)): one query for the documents and
    their bodies (values, not model instances: a third of the time for 20 hits)."""
    found = {
        values[0]: dict(zip(_HIT_FIELDS, values, strict=True))
        for values in SearchDocument.objects.filter(pk__in=[pk for pk, _ in rows]).values_list(
            *_HIT_FIELDS
        )
    }
    hits = []
    for pk, score in rows:
        doc = found.get(pk)
        if doc is None:  # removed meanwhile
            continue
        del doc["id"]
        body, title = doc.pop("text__body") or "", doc.pop("title")
        rx = highlight.matcher(_shown(shown, title, body))
        hits.append(
            SearchHit(
                **doc,
                doc_type_label=label_of(doc["doc_type"]),
                title=highlight.highlight(title, rx),
                snippet=highlight.snippet(body, rx),
                score=float(score or 0),
                exact=exact,
            )
        )
    return hits


@dataclass
class _Plan:
    """One way to answer a query: full-text words, an exact-key condition, both, or neither
    (a listing by date)."""

    terms: list[QueryTerm] = field(default_factory=list)
    key: tuple[str, list] | None = None
    typed: tuple[str, list] | None = None  # the keys as typed: ranked first
    shown: list[QueryTerm | str] = field(default_factory=list)  # what hits highlight
    exact: bool = False  # found by 文号 / 索引号

    def _keyed(self, m: Match) -> Match:
        if self.key is None:
            return m
        key_sql, key_params = self.key
        score_sql, score_params = self._typed_first(m.score_sql, m.score_params)
        return Match(m.from_sql, f"{m.where_sql} AND {key_sql}", score_sql,
                     m.params + key_params, score_params, m.shape)  # fmt: skip

    def _typed_first(self, score_sql: str, score_params: list) -> tuple[str, list]:
        if self.typed is None:
            return score_sql, score_params
        typed_sql, typed_params = self.typed
        bonus = f"(CASE WHEN {typed_sql} THEN {2 * TITLE_BONUS} ELSE 0 END)"
        return f"({score_sql}) + {bonus}", score_params + typed_params

    def _shape(self, shape: str) -> str:
        return "keyed" if self.key is not None else shape

    def match(self, backend, shape: str = "driven") -> Match:
        if self.terms:
            return self._keyed(backend.match(self.terms, shape=self._shape(shape)))
        if self.key is not None:
            score_sql, score_params = self._typed_first("1.0", [])
            return Match(f"{TABLE} d", self.key[0], score_sql, self.key[1], score_params, "keyed")
        return _ALL_ROWS

    def in_title(self, backend, shape: str) -> Match:
        """The matches whose title holds every word (only for a plan with words)."""
        return self._keyed(backend.title_match(self.terms, shape=self._shape(shape)))

    def not_in_title(self, backend, shape: str) -> Match:
        m = self.match(backend, shape)
        sql, values = backend.not_title(self.terms)
        return Match(m.from_sql, f"{m.where_sql} AND {sql}", m.score_sql, m.params + values,
                     m.score_params, m.shape)  # fmt: skip

    def page(self, backend, where: str, params: list, *, sort: str, total: int, exact: bool,
             limit: int, offset: int) -> list[tuple]:  # fmt: skip
        """(id, score) of the page's documents."""
        narrow = exact and total <= RANK_LIMIT
        if sort == "date" or not self.terms:
            # Found by key and sorted by relevance: the keys as typed first, then newest first.
            keyed = sort == "relevance" and self.key is not None
            match = self.match(backend, "driven" if narrow else "walk")
            return _rows(backend, match, where, params, scored=keyed, limit=limit, offset=offset)
        if narrow:
            return _rows(backend, self.match(backend), where, params, scored=True, limit=limit,
                         offset=offset)  # fmt: skip
        # Broad: the title matches newest first, then the others newest first. The first part
        # is read up to the end of the page; if it ends before, the second part follows.
        end = offset + limit
        title = self.in_title(backend, "walk")
        head = _rows(backend, title, where, params, scored=False, limit=end, offset=0)
        rows = [(pk, float(TITLE_BONUS)) for pk, _ in head[offset:]]
        if len(head) < end:
            start = max(offset, len(head))
            rows += _rows(backend, self.not_in_title(backend, "walk"), where, params, scored=False,
                          limit=end - start, offset=start - len(head))  # fmt: skip
        return rows


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
    where, params, filtered = _conditions(backend, doc_types=doc_types, filters=filters)
    results = SearchResults(q=q, total=0, page=page, per_page=per_page, sort=sort)

    plans: list[_Plan] = []
    terms: list[QueryTerm] = []
    if not q:
        plans.append(_Plan())
        sort = "date"
    else:
        synonyms.table()  # before segmenting: staff-added words are dictionary words too
        keys = parse_keys(q)
        if keys:
            rest = [t for t in query_terms(keys.rest) if not t.prefix] if keys.rest else []
            rest = synonyms.expand(rest)
            key = _key_condition(backend, keys)
            typed = _key_condition(backend, keys, primary=True)
            plans.append(_Plan(terms=rest, key=key, typed=typed, shown=[*rest, *keys.labels],
                               exact=True))  # fmt: skip
        terms = synonyms.expand(query_terms(q))
        if terms:  # the text search; for a 文号 query only when no key matched
            plans.append(_Plan(terms=terms, shown=list(terms)))

    results.sort = sort
    if not plans:  # nothing searchable in the query (punctuation only)
        return results
    with backend.session():  # PostgreSQL: the planner settings of backends.PostgresBackend
        _answer(backend, plans, terms, where, params, results, facets=facets, filtered=filtered)
    return results


def _answer(backend, plans, terms, where, params, results: SearchResults, *, facets: bool,
            filtered: bool):  # fmt: skip
    chosen = plans[-1]
    for plan in plans:
        counts = counting.count(backend, plan.match(backend), where, params, facets=facets,
                                terms=bool(plan.terms), filtered=filtered)  # fmt: skip
        results.total, results.total_exact, results.facets = (
            counts.total, counts.exact, counts.facets
        )  # fmt: skip
        if results.total:
            chosen = plan
            break
    if results.total == 0:
        if terms:
            results.suggestion = _suggest(backend, terms, where, params)
        if results.q:

            def finds(q: str) -> bool:
                found = synonyms.expand(query_terms(q))
                return bool(found) and _found(backend, found, where, params)

            results.corrections = suggest.did_you_mean(
                results.q, finds=finds, popular=popular_queries()
            )
        return
    offset = (results.page - 1) * results.per_page
    if offset >= results.total and results.total_exact:
        return
    rows = chosen.page(backend, where, params, sort=results.sort, total=results.total,
                       exact=results.total_exact, limit=results.per_page, offset=offset)  # fmt: skip
    results.hits = _hits(rows, chosen.shown, chosen.exact)


def _shown(words: list[QueryTerm | str], title: str, body: str) -> tuple[str, ...]:
    """The words to mark in a hit: a compound's parts only where the compound is absent (a
    query for 阳光政务 marks 阳光 and 政务 apart, but not 政务 inside 政务公开 next to it)."""
    text = f"{title} {body}".lower()
    shown: list[str] = []
    for item in words:
        if isinstance(item, str):
            shown.append(item)
            continue
        for term in (item, *item.alternatives):
            if term.word in text or not term.parts:
                shown.append(term.word)
            elif term is item or not any(t.word in text for t in item.alternatives):
                shown.extend(term.parts)
    return tuple(shown)
