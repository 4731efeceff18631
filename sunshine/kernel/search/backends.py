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
A broad query (more than RANK_LIMIT matches) ranks only its title matches; the others follow
by date. Ranking tens of thousands of bodies costs PostgreSQL 100+ ms (every tsvector is
decompressed) for an order nobody reads past the first pages.
"""

from dataclasses import dataclass, field

from django.db import connection

from .segment import QueryTerm

TABLE = "search_searchdocument"
TITLE_WEIGHT = 8.0  # SQLite bm25 column weight of the title (the body is 1.0)
TITLE_BONUS = 1000  # far above any engine score
RANK_LIMIT = 5000  # above this many matches, only the title matches are ranked


@dataclass(frozen=True)
class Match:
    from_sql: str
    where_sql: str
    score_sql: str
    params: list  # for from_sql, then where_sql
    score_params: list = field(default_factory=list)


class SqliteBackend:
    vendor = "sqlite"

    @staticmethod
    def _quote(word: str) -> str:
        return f'"{word}"'  # words are letters and digits only (segment._TOKEN_RE)

    def expression(self, terms: list[QueryTerm]) -> str:
        groups = []
        for term in terms:
            if term.prefix:
                groups.append(f"{self._quote(term.word)} *")
            elif term.parts:
                parts = " AND ".join(self._quote(p) for p in term.parts)
                groups.append(f"({self._quote(term.word)} OR ({parts}))")
            else:
                groups.append(self._quote(term.word))
        return " AND ".join(groups)

    def match(self, terms: list[QueryTerm], *, broad: bool = False) -> Match:
        expression = self.expression(terms)
        in_title = "d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        bm25 = f"bm25(search_fts, {TITLE_WEIGHT}, 1.0)"
        if broad:  # CASE is lazy: bm25 is computed for the title matches only
            score = f"(CASE WHEN {in_title} THEN {TITLE_BONUS} - {bm25} ELSE 0 END)"
        else:
            score = f"(CASE WHEN {in_title} THEN {TITLE_BONUS} ELSE 0 END) - {bm25}"
        return Match(
            from_sql=f"search_fts JOIN {TABLE} d ON d.id = search_fts.rowid",
            where_sql="search_fts MATCH %s",
            score_sql=score,
            params=[expression],
            score_params=[f"title_tokens : ({expression})"],
        )

    def prefix(self, column: str, prefix: str) -> tuple[str, list]:
        # A range, so that the b-tree index serves it (SQLite's LIKE is case-insensitive and
        # cannot use a plain index).
        return f"({column} >= %s AND {column} < %s)", [prefix, prefix + "\U0010ffff"]


class PostgresBackend:
    vendor = "postgresql"

    @staticmethod
    def _quote(word: str) -> str:
        return f"'{word}'"

    def expression(self, terms: list[QueryTerm]) -> str:
        groups = []
        for term in terms:
            if term.prefix:
                groups.append(f"{self._quote(term.word)}:*")
            elif term.parts:
                parts = " & ".join(self._quote(p) for p in term.parts)
                groups.append(f"({self._quote(term.word)} | ({parts}))")
            else:
                groups.append(self._quote(term.word))
        return " & ".join(groups)

    def match(self, terms: list[QueryTerm], *, broad: bool = False) -> Match:
        in_title = "t.title_vector @@ tsq"
        if broad:
            score = f"(CASE WHEN {in_title} THEN {TITLE_BONUS} + ts_rank_cd(t.title_vector, tsq, 1) ELSE 0 END)"
        else:
            score = f"(CASE WHEN {in_title} THEN {TITLE_BONUS} ELSE 0 END) + ts_rank_cd(t.search_vector, tsq, 1)"
        return Match(
            from_sql=(
                f"{TABLE} d JOIN search_searchtext t ON t.doc_id = d.id"
                " CROSS JOIN to_tsquery('simple', %s) AS tsq"
            ),
            where_sql="t.search_vector @@ tsq",
            score_sql=score,
            params=[self.expression(terms)],
        )

    def prefix(self, column: str, prefix: str) -> tuple[str, list]:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{column} LIKE %s", [escaped + "%"]  # served by Django's *_like index


def current() -> SqliteBackend | PostgresBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"search: no full-text backend for {connection.vendor}")
