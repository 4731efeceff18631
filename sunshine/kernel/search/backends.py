"""The two full-text engines behind one query shape. A backend turns query terms into a
FROM clause, a match condition and a score (higher is better) over the documents table,
which is always aliased `d`; everything else (visibility, filters, facets, paging) is the
same SQL on both.

Ranking, the same rule on both: documents whose title holds every word of the query come
first (TITLE_BONUS), then the engine's own relevance:
- SQLite: FTS5 `search_fts` MATCH, bm25 with the title weighted 8:1 (bm25 is negative,
  lower is better, so the score is -bm25);
- PostgreSQL: `search_vector @@ to_tsquery('simple', ...)`, ts_rank_cd (title is weight
  A = 1.0, body weight B = 0.4), divided by 1 + log(document length) (flag 1); the title
  test reads the small `title_vector`.
A query word with synonyms (synonyms.py) matches any of them; among the scored matches,
documents that hold the words as typed get EXACT_BONUS (half the title bonus: a title
match through a synonym still comes before a body match of the typed word).
A broad query (more than query.RANK_LIMIT matches) is not scored: its title matches come
first, then the other matches, each newest first (`title_match`, `not_title`), which both
engines answer without reading every match.
"""

import contextlib
import json
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, transaction

from .segment import QueryTerm

TABLE = "search_searchdocument"
TITLE_WEIGHT = 8.0  # SQLite bm25 column weight of the title (the body is 1.0)
TITLE_BONUS = 1000  # far above any engine score
EXACT_BONUS = TITLE_BONUS // 2  # the words as typed, not only their synonyms
SAMPLE_BUCKETS = 64  # the `sample` columns of migration 0003 are id % 64


@dataclass(frozen=True)
class Match:
    from_sql: str
    where_sql: str
    score_sql: str
    params: list  # for from_sql, then where_sql
    score_params: list = field(default_factory=list)
    # How the statement is read: from the full-text matches ("driven"), from documents found
    # by key ("keyed"), or along the date index ("walk", also every statement without words).
    shape: str = "walk"


class _Plain:
    """Statements run as they are."""

    estimate_first = False  # counting.count: ask `estimate` before counting
    estimate_is_bound = True  # `estimate` is never below the real count

    def session(self):
        return contextlib.nullcontext()

    def fetch(self, sql: str, params: list, shape: str = "walk") -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class SqliteBackend(_Plain):
    vendor = "sqlite"

    @staticmethod
    def _quote(word: str) -> str:
        return f'"{word}"'  # words are letters and digits only (segment._TOKEN_RE)

    def _term(self, term: QueryTerm) -> str:
        if term.prefix:
            return f"{self._quote(term.word)} *"
        if term.parts:
            parts = " AND ".join(self._quote(p) for p in term.parts)
            return f"{self._quote(term.word)} OR ({parts})"
        return self._quote(term.word)

    def expression(self, terms: list[QueryTerm]) -> str:
        groups = []
        for term in terms:
            choices = [self._term(t) for t in (term.as_typed(), *term.alternatives)]
            groups.append(choices[0] if len(choices) == 1 and not term.parts else
                          "(" + " OR ".join(choices) + ")")  # fmt: skip
        return " AND ".join(groups)

    def _exact(self, terms: list[QueryTerm], probe: str) -> tuple[str, list]:
        """EXACT_BONUS for the documents holding the words as typed (only when a word has
        synonyms); `probe` tests the FTS expression given as its one parameter."""
        if not any(t.alternatives for t in terms):
            return "", []
        typed = self.expression([t.as_typed() for t in terms])
        return f" + (CASE WHEN {probe} THEN {EXACT_BONUS} ELSE 0 END)", [typed]

    @staticmethod
    def _shaped(shape: str, expression: str, score_sql: str, score_params: list) -> Match:
        """The join order is given, not left to SQLite's planner (which has no statistics
        here and once probed the FTS table for each of 4,000 documents of a year):
        - "driven": the FTS matches, then their documents (counting, ranking);
        - "keyed": the documents (found by a selective key), then the FTS table;
        - "walk": the documents newest first along the date index, kept if their id is in
          the matches (read once into a temporary index): a broad query's first page reads
          a few dozen documents, and never more than the index."""
        if shape == "walk":
            return Match(
                from_sql=f"{TABLE} d INDEXED BY search_doc_date",
                where_sql="d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)",
                score_sql="0",
                params=[expression],
            )
        if shape == "keyed":
            from_sql = f"{TABLE} d CROSS JOIN search_fts ON search_fts.rowid = d.id"
        else:
            from_sql = f"search_fts CROSS JOIN {TABLE} d ON d.id = search_fts.rowid"
        return Match(from_sql, "search_fts MATCH %s", score_sql, [expression], score_params, shape)

    def estimate(self, match: Match, where: str, params: list) -> int:
        """At least as many documents as `match` finds (to size a sample): the FTS matches
        before visibility and filters (a few ms), or, without words, the span of ids."""
        if match.from_sql.startswith("search_fts"):
            sql = "SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH %s"
            return self.fetch(sql, match.params[:1])[0][0]
        return self.fetch(f"SELECT MAX(id) - MIN(id) + 1 FROM {TABLE}", [])[0][0] or 0

    def match(self, terms: list[QueryTerm], *, shape: str = "driven") -> Match:
        expression = self.expression(terms)
        title = [f"title_tokens : ({expression})"]
        if shape == "keyed":
            # bm25 re-reads the whole doclist of every word (its IDF) for each probe of the
            # FTS table: a few documents found by key are scored by their title alone.
            probe = "SELECT 1 FROM search_fts WHERE search_fts MATCH %s AND rowid = d.id"
            score = f"(CASE WHEN EXISTS ({probe}) THEN {TITLE_BONUS} ELSE 0 END)"
            exact_sql, exact_params = self._exact(terms, f"EXISTS ({probe})")
            return self._shaped(shape, expression, score + exact_sql, title + exact_params)
        in_title = "d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        bm25 = f"bm25(search_fts, {TITLE_WEIGHT}, 1.0)"
        score = f"(CASE WHEN {in_title} THEN {TITLE_BONUS} ELSE 0 END) - {bm25}"
        exact_sql, exact_params = self._exact(terms, in_title)
        return self._shaped(shape, expression, score + exact_sql, title + exact_params)

    def title_match(self, terms: list[QueryTerm], *, shape: str = "driven") -> Match:
        """Documents whose title holds every term (a subset of `match`)."""
        expression = f"title_tokens : ({self.expression(terms)})"
        return self._shaped(shape, expression, str(TITLE_BONUS), [])

    def not_title(self, terms: list[QueryTerm]) -> tuple[str, list]:
        sql = "d.id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        return sql, [f"title_tokens : ({self.expression(terms)})"]

    def sample(self, buckets: int, *, terms: bool, filtered: bool = False) -> tuple[str, list]:
        """The documents of the first `buckets` of SAMPLE_BUCKETS buckets. With a full-text
        match, tested on the FTS rowid, before the documents table is read."""
        column = "search_fts.rowid" if terms else "d.id"
        return f"{column} %% {SAMPLE_BUCKETS} < %s", [buckets]

    def prefix(self, column: str, prefix: str) -> tuple[str, list]:
        # A range, so that the b-tree index serves it (SQLite's LIKE is case-insensitive and
        # cannot use a plain index).
        return f"({column} >= %s AND {column} < %s)", [prefix, prefix + "\U0010ffff"]


class PostgresBackend(_Plain):
    """PostgreSQL plans its statements from statistics that do not count the cost of reading
    a TOASTed search_vector: left alone, it tests `@@` row by row (a sequential scan, a
    full scan of the primary key, a merge join) instead of asking the GIN index: 150-700 ms
    for a broad word. A search therefore runs with planner settings of its own:
    - always (SETTINGS): no sequential scans or merge joins, no JIT (a 50+ ms compile of a
      statement it thinks large), no parallel workers (their start-up costs more than these
      statements on 2 cores);
    - statements of the shapes "driven" and "keyed" also without plain index scans (the
      full scan of search_searchtext's primary key would replace the sequential scan):
      the text is reached through the GIN index and a row by id through a bitmap; "walk"
      statements (along the date index) keep index scans.
    The settings are set with set_config(..., is_local) and never outlive the search:
    outside a transaction, `session` opens one and rolls it back at the end (a search writes
    nothing); inside a caller's transaction, it puts the previous values back.
    """

    vendor = "postgresql"
    estimate_first = True
    estimate_is_bound = False
    SETTINGS = {
        "enable_seqscan": "off",
        "enable_mergejoin": "off",
        "jit": "off",
        "max_parallel_workers_per_gather": "0",
    }
    _INDEXSCAN = {"walk": "on", "driven": "off", "keyed": "off"}

    def __init__(self):
        self._active = False  # inside `session`
        self._indexscan: str | None = None  # as set in this session (None: nothing set yet)
        self._previous: dict[str, str] = {}

    @staticmethod
    def _set(values: dict[str, str]) -> list[str]:
        """Set `values` for the current transaction; returns the previous values."""
        olds = ", ".join("current_setting(%s)" for _ in values)
        sets = ", ".join("set_config(%s, %s, true)" for _ in values)
        with connection.cursor() as cursor:
            # A target list is evaluated left to right: the old values are read first.
            cursor.execute(f"SELECT {olds}, {sets}", [*values, *sum(values.items(), ())])
            return list(cursor.fetchone()[: len(values)])

    def fetch(self, sql: str, params: list, shape: str = "walk") -> list[tuple]:
        wanted = self._INDEXSCAN[shape]
        if self._active and wanted != self._indexscan:
            if self._indexscan is None:  # the first statement: every setting at once
                values = {**self.SETTINGS, "enable_indexscan": wanted}
                self._previous = dict(zip(values, self._set(values), strict=True))
            else:
                self._set({"enable_indexscan": wanted})
            self._indexscan = wanted
        return super().fetch(sql, params)

    @contextlib.contextmanager
    def session(self):
        self._active, self._indexscan, self._previous = True, None, {}
        try:
            if not connection.in_atomic_block:
                with transaction.atomic():
                    yield
                    transaction.set_rollback(True)
                return
            try:
                yield
            except DatabaseError:
                raise  # the transaction is aborted: the caller's rollback undoes the settings
            except BaseException:
                self._restore()
                raise
            self._restore()
        finally:
            self._active, self._indexscan = False, None

    def _restore(self):
        if self._previous:
            self._set(self._previous)

    def estimate(self, match: Match, where: str, params: list) -> int:
        """The planner's estimate of the matching documents (statistics of the GIN index
        and of the filter columns): to size a sample, not to show."""
        sql = f"SELECT 1 FROM {match.from_sql} WHERE {match.where_sql} AND {where}"
        (plan,) = self.fetch(f"EXPLAIN (FORMAT JSON) {sql}", match.params + params, match.shape)[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return int(plan[0]["Plan"]["Plan Rows"])

    @staticmethod
    def _quote(word: str) -> str:
        return f"'{word}'"

    def _term(self, term: QueryTerm) -> str:
        if term.prefix:
            return f"{self._quote(term.word)}:*"
        if term.parts:
            parts = " & ".join(self._quote(p) for p in term.parts)
            return f"{self._quote(term.word)} | ({parts})"
        return self._quote(term.word)

    def expression(self, terms: list[QueryTerm]) -> str:
        groups = []
        for term in terms:
            choices = [self._term(t) for t in (term.as_typed(), *term.alternatives)]
            groups.append(choices[0] if len(choices) == 1 and not term.parts else
                          "(" + " | ".join(choices) + ")")  # fmt: skip
        return " & ".join(groups)

    def match(self, terms: list[QueryTerm], *, shape: str = "driven") -> Match:
        # One statement for every shape: the planner picks the join order, within the
        # settings of the shape (see the class).
        score_sql = (
            f"(CASE WHEN t.title_vector @@ tsq THEN {TITLE_BONUS} ELSE 0 END)"
            " + ts_rank_cd(t.search_vector, tsq, 1)"
        )
        score_params = []
        if any(t.alternatives for t in terms):  # the words as typed first (EXACT_BONUS)
            typed = self.expression([t.as_typed() for t in terms])
            score_sql += (
                " + (CASE WHEN t.search_vector @@ to_tsquery('simple', %s)"
                f" THEN {EXACT_BONUS} ELSE 0 END)"
            )
            score_params = [typed]
        return Match(
            from_sql=self._from(),
            where_sql="t.search_vector @@ tsq",
            score_sql=score_sql,
            params=[self.expression(terms)],
            score_params=score_params,
            shape=shape,
        )

    def _from(self) -> str:
        return (
            f"{TABLE} d JOIN search_searchtext t ON t.doc_id = d.id"
            " CROSS JOIN to_tsquery('simple', %s) AS tsq"
        )

    def title_match(self, terms: list[QueryTerm], *, shape: str = "driven") -> Match:
        """Documents whose title holds every term (a subset of `match`); `title_vector` is
        small, stored in line (migration 0003) and has a GIN index of its own."""
        return Match(
            from_sql=self._from(),
            where_sql="t.title_vector @@ tsq",
            score_sql=str(TITLE_BONUS),
            params=[self.expression(terms)],
            shape=shape,
        )

    def not_title(self, terms: list[QueryTerm]) -> tuple[str, list]:
        return "NOT (t.title_vector @@ tsq)", []  # tsq: the match's own query

    def sample(self, buckets: int, *, terms: bool, filtered: bool = False) -> tuple[str, list]:
        """The documents of the first `buckets` of SAMPLE_BUCKETS buckets: the generated,
        indexed `sample` (id % 64) of both tables (migration 0003). Without filters,
        PostgreSQL ANDs the text's bucket with the GIN bitmap and reads only the sample's
        rows. With filters, only the documents' bucket is given (ANDed with the filter's
        index): offered the text's bucket too, the planner reads the bucket's rows and tests
        `@@` on each (a TOAST read per row, 100+ ms) instead of asking the GIN index."""
        if terms and not filtered:
            return "t.sample < %s AND d.sample < %s", [buckets, buckets]
        return "d.sample < %s", [buckets]

    def prefix(self, column: str, prefix: str) -> tuple[str, list]:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{column} LIKE %s", [escaped + "%"]  # served by Django's *_like index


def current() -> SqliteBackend | PostgresBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"search: no full-text backend for {connection.vendor}")
