"""How many documents match a query, and its facets, with work bounded by COUNT_LIMIT and
SAMPLE_TARGET instead of by the number of matches.

- Up to COUNT_LIMIT matching documents (after visibility and filters), total and facets are
  exact: one statement that stops reading after COUNT_LIMIT + 1 rows. (PostgreSQL first asks
  its planner: a query it expects to be far above COUNT_LIMIT goes straight to the sample.)
- Beyond, they are estimated from a sample: the documents whose id falls in the first m of
  SAMPLE_BUCKETS buckets (`id % 64 < m`), m chosen from the engine's estimate of the matches
  (the FTS5 count on SQLite, the planner's on PostgreSQL) so that about SAMPLE_TARGET
  documents are read (once more, wider, if the estimate was far off). The bucket is tested
  where it is cheap: on the FTS5 rowid before the join (SQLite), on generated, indexed
  `sample` columns that PostgreSQL intersects with the GIN bitmap or a filter's index
  (migration 0003). Total and facet counts are the sample's counts scaled by 64 / m, and
  the result says so (`exact` False; pages show "约 N 条"). Documents are sampled by id, so
  the estimate is unbiased whatever the order they were indexed in.

Counting every match of a broad word (工作: 60 % of the documents) costs 100+ ms on both
databases for a number nobody reads exactly; the sample costs a few milliseconds and is within
a few per cent.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .backends import SAMPLE_BUCKETS, Match
from .registry import label_of

COUNT_LIMIT = 2000  # exact total and facets up to this many matching documents
SAMPLE_TARGET = 1000  # documents read to estimate a larger total
# PostgreSQL: above this planner estimate, go straight to the sample.
BROAD_ESTIMATE = 4 * COUNT_LIMIT
FACETS = ("year", "agency", "topic", "kind", "doc_type")
_COLUMNS = "d.year, d.agency_id, d.agency_name, d.topic, d.kind, d.doc_type"


@dataclass(frozen=True)
class FacetValue:
    value: Any
    label: str
    count: int


@dataclass
class Counts:
    total: int
    exact: bool = True
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


def _grouped(backend, match: Match, where: str, params: list, *, facets: bool, limit: int | None):
    """(year, agency_id, agency_name, topic, kind, doc_type, n) rows, or [(n,)] without
    facets, over at most `limit` matching documents."""
    inner = f"FROM {match.from_sql} WHERE {match.where_sql} AND {where}"
    values = match.params + params
    if limit is not None:
        columns = _COLUMNS if facets else "1 AS one"
        inner = f"FROM (SELECT {columns} {inner} LIMIT %s) d"
        values = values + [limit]
    if not facets:
        return backend.fetch(f"SELECT COUNT(*) {inner}", values, match.shape)
    sql = f"SELECT {_COLUMNS}, COUNT(*) {inner} GROUP BY {_COLUMNS}"
    return backend.fetch(sql, values, match.shape)


def _facets(rows: list[tuple], scale: float) -> dict[str, list[FacetValue]]:
    counts: dict[str, dict] = {name: defaultdict(int) for name in FACETS}
    labels: dict[Any, str] = {}
    for year, agency_id, agency_name, topic, kind, doc_type, n in rows:
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
                count=n if scale == 1 else max(1, round(n * scale)),
            )
            for value, n in ordered
        ]
    return facets


def count(backend, match: Match, where: str, params: list, *, facets: bool, terms: bool,
          filtered: bool = False) -> Counts:  # fmt: skip
    """Total (and facets) of the documents that `match` finds under the conditions `where`.
    `terms`: the match is a full-text one (the sample condition then reads the engine's
    row ids instead of the documents' ids); `filtered`: `where` has more than visibility."""

    def run(condition: str, values: list, limit: int | None):
        rows = _grouped(backend, match, condition, values, facets=facets, limit=limit)
        return rows, sum(row[-1] for row in rows)

    estimate: int | None = None
    if backend.estimate_first and match.shape != "keyed":  # keys find few: just count
        # A plan's estimate costs less than counting 2,000 rows.
        estimate = backend.estimate(match, where, params)
    counted = False  # known to be above COUNT_LIMIT
    if estimate is None or estimate <= BROAD_ESTIMATE:
        rows, total = run(where, params, COUNT_LIMIT + 1)
        if total <= COUNT_LIMIT:
            return Counts(total=total, facets=_facets(rows, 1) if facets else {})
        counted = True
    if estimate is None:
        estimate = backend.estimate(match, where, params)
    # A planner's estimate may be far too low: then assume at least BROAD_ESTIMATE, so that
    # the first sample reads at most an eighth of the matches.
    floor = COUNT_LIMIT + 1 if backend.estimate_is_bound else BROAD_ESTIMATE
    buckets = _buckets(1, max(floor, estimate))
    for attempt in (1, 2):
        sample_sql, sample_params = backend.sample(buckets, terms=terms, filtered=filtered)
        rows, found = run(f"{where} AND {sample_sql}", params + sample_params, None)
        if attempt == 2 or found >= SAMPLE_TARGET // 3 or buckets >= SAMPLE_BUCKETS:
            break
        buckets = _buckets(buckets * 2, found * SAMPLE_BUCKETS / buckets)  # far off: widen
    if buckets >= SAMPLE_BUCKETS:  # the "sample" was everything
        return Counts(total=found, facets=_facets(rows, 1) if facets else {})
    scale = SAMPLE_BUCKETS / buckets
    if not counted and found * scale <= COUNT_LIMIT:  # the planner was far too high: count
        rows, total = run(where, params, COUNT_LIMIT + 1)
        if total <= COUNT_LIMIT:
            return Counts(total=total, facets=_facets(rows, 1) if facets else {})
    total = max(COUNT_LIMIT + 1, round(found * scale))
    return Counts(total=total, exact=False, facets=_facets(rows, scale) if facets else {})


def _buckets(at_least: int, matches: float) -> int:
    """Buckets to read for about SAMPLE_TARGET of `matches` documents."""
    wanted = math.ceil(SAMPLE_BUCKETS * SAMPLE_TARGET / max(matches, 1))
    return min(SAMPLE_BUCKETS, max(at_least, wanted))


def exists(backend, match: Match, where: str, params: list) -> bool:
    # A bounded count, not "LIMIT 1": for a word it has no statistics of, PostgreSQL expects
    # a match within a few hundred rows, walks an index testing `@@` on each row, and reads
    # every vector when there is none (400 ms).
    rows = _grouped(backend, match, where, params, facets=False, limit=COUNT_LIMIT + 1)
    return rows[0][0] > 0
