"""The datastore's index (`ResourceCell`): how `datastore_search` answers `filters` and `q`
on a resource of millions of rows within ~100 ms on SQLite and PostgreSQL alike.

Each row's value of each field is one entry (resource, field, value, rownum), the value as
canonical text (`cell_value`: 2, 2.0 and "2" are one value; true/false for booleans); each
word of the row (the kernel search's jieba words, `segment.index_tokens`) is one entry with
field "". The table's key is its only index, so:

- a condition (one field, one or several values; one q word) is one range of the key per
  value, already in rownum order: its page is an ordered index range (LIMIT/OFFSET on the
  index, no sort) and its count an index-only count;
- several conditions are intersected by rownum: the smallest set is read and each other one
  is read within the rownums still possible (or probed for them when it is much larger).

Entries are written sorted by key, in bulk, in the transaction that loads the rows, so they
are appended to the index (and on PostgreSQL the table is in key order too, so even reading
the heap is sequential). Cost (see docs/opendata.md): about 14 entries per row of 5 fields.
"""

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import connection

from sunshine.kernel.search import segment

from .models import ResourceBitmap, ResourceCell

TABLE = ResourceCell._meta.db_table
BITMAP_TABLE = ResourceBitmap._meta.db_table
TEXT_FIELD = ""  # the entries of the row's words, for q
FIELD_MAX = 100
VALUE_MAX = 200
PROBE_RATIO = 16  # probe a condition when it is this many times larger than the candidates
PROBE_CHUNK = 500
PROBE_MAX = 5000  # ... and when the candidates are at most this many
PREFIX_END = "\U0010ffff"  # sorts after every character (C collation; SQLite is binary)
_ASCII_TOKEN_RE = re.compile(r"[^\W_]+")


def cell_value(value) -> str | None:
    """A typed value as the index keeps it; None (an empty cell) is not indexed. A value
    longer than the column keeps its start and a digest, so equality still holds."""
    if value is None:
        return None
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    else:
        text = str(value)
    if len(text) > VALUE_MAX:
        text = (
            text[: VALUE_MAX - 41]
            + "#"
            + hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()
        )
    return text


_word_cache: dict[str, tuple[str, ...]] = {}


def value_words(text: str) -> tuple[str, ...]:
    """The words of one cell for q, as the kernel search indexes text. ASCII text (numbers,
    dates, codes) is split on runs of letters and digits without jieba (what jieba + the
    kernel's token rule give for it, much faster); other text is cached per distinct value."""
    if text.isascii():
        return tuple(_ASCII_TOKEN_RE.findall(text.lower()))
    words = _word_cache.get(text)
    if words is None:
        words = tuple(w[:VALUE_MAX] for w in segment.index_tokens(text).split())
        if len(_word_cache) > 200_000:
            _word_cache.clear()
        _word_cache[text] = words
    return words


def build_entries(records: Iterable[tuple[int, dict]]) -> list[tuple[str, str, list[int]]]:
    """(field, value, rownums ascending) for every value of the rows, sorted by key."""
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for rownum, data in records:
        words: set[str] = set()
        for name, value in data.items():
            text = cell_value(value)
            if text is None:
                continue
            postings[(name[:FIELD_MAX], text)].append(rownum)
            words.update(value_words(str(value) if not isinstance(value, bool) else text))
        for word in words:
            postings[(TEXT_FIELD, word)].append(rownum)
    return [(f, v, rows) for (f, v), rows in sorted(postings.items())]


def dense_min(row_count: int) -> int:
    """From how many rows a value gets a bitmap: one in 32 rows (then the bitmap is no
    larger than the value's rownums would be as 4-byte integers), and at least 64."""
    return max(64, row_count // 32)


def to_bitmap(rownums: Iterable[int], row_count: int) -> bytes:
    rownums = list(rownums)
    bits = bytearray(max(row_count, max(rownums, default=0)) // 8 + 1)
    for r in rownums:
        bits[r >> 3] |= 1 << (r & 7)
    return bytes(bits)


def write_entries(
    resource_id: int, entries: list[tuple[str, str, list[int]]], row_count: int | None = None
) -> int:
    """Append the entries in key order (COPY on PostgreSQL, one executemany on SQLite) and
    the bitmaps of the frequent values; returns the number of entries."""
    ResourceCell.objects.filter(resource_id=resource_id).delete()
    ResourceBitmap.objects.filter(resource_id=resource_id).delete()
    if row_count is None:
        row_count = max((r[-1] for _f, _v, r in entries if r), default=0)

    def rows() -> Iterator[tuple]:
        for name, value, rownums in entries:
            for rownum in rownums:
                yield (resource_id, name, value, rownum)

    count = sum(len(r) for _f, _v, r in entries)
    columns = "resource_id, field, value, rownum"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {TABLE} ({columns}) FROM STDIN") as copy:
                for row in rows():
                    copy.write_row(row)
        else:
            sql = f"INSERT INTO {TABLE} ({columns}) VALUES (%s, %s, %s, %s)"  # nosec B608
            cursor.executemany(sql, rows())
    threshold = dense_min(row_count)
    ResourceBitmap.objects.bulk_create(
        [
            ResourceBitmap(
                resource_id=resource_id,
                field=name,
                value=value,
                count=len(rownums),
                bits=to_bitmap(rownums, row_count),
            )
            for name, value, rownums in entries
            if len(rownums) >= threshold
        ],
        batch_size=50,
    )
    return count


# --- Queries ------------------------------------------------------------------------------


@dataclass
class Condition:
    """Rows whose `field` has one of `values` (or, with `prefix`, a value starting with it).
    `parts`: a q word the rows were indexed without (a compound the kernel dictionary learnt
    later) matches rows holding all of its parts instead."""

    field: str
    values: list[str] = field(default_factory=list)
    prefix: str = ""
    parts: list["Condition"] = field(default_factory=list)
    count: int = 0
    dense: list[str] = field(default_factory=list)  # the values with a bitmap

    def sparse(self) -> "Condition":
        """The same condition without its bitmapped values."""
        return Condition(self.field, [v for v in self.values if v not in self.dense])

    def where(self, resource_id: int) -> tuple[str, list]:
        if self.prefix:
            return (
                "resource_id = %s AND field = %s AND value >= %s AND value < %s",
                [resource_id, self.field, self.prefix, self.prefix + PREFIX_END],
            )
        marks = ", ".join(["%s"] * len(self.values))
        return (
            f"resource_id = %s AND field = %s AND value IN ({marks})",
            [resource_id, self.field, *self.values],
        )


def _fetch(sql: str, params: list) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def count(resource_id: int, condition: Condition) -> int:
    """The condition's number of rows: the bitmaps' counts, and an index-only count of the
    other values. Notes which values have a bitmap (`condition.dense`)."""
    if condition.prefix:
        # A row holds one value per field, but may hold several words with one prefix.
        where, params = condition.where(resource_id)
        sql = f"SELECT COUNT(DISTINCT rownum) FROM {TABLE} WHERE {where}"  # nosec B608
        return _fetch(sql, params)[0][0]
    where, params = condition.where(resource_id)
    sql = f"SELECT value, count FROM {BITMAP_TABLE} WHERE {where}"  # nosec B608
    counted = _fetch(sql, params)
    condition.dense = [v for v, _n in counted]
    total = sum(n for _v, n in counted)
    if len(condition.dense) < len(condition.values):
        where, params = condition.sparse().where(resource_id)
        total += _fetch(f"SELECT COUNT(*) FROM {TABLE} WHERE {where}", params)[0][0]  # nosec B608
    return total


def bitmap(resource_id: int, condition: Condition, row_count: int) -> int:
    """The condition's rows as an integer (bit n: row n): its values' bitmaps OR'd, and the
    index entries of the others."""
    bits = 0
    if condition.dense:
        marks = ", ".join(["%s"] * len(condition.dense))
        sql = (
            f"SELECT bits FROM {BITMAP_TABLE} WHERE resource_id = %s AND field = %s"  # nosec B608
            f" AND value IN ({marks})"
        )
        for (blob,) in _fetch(sql, [resource_id, condition.field, *condition.dense]):
            bits |= int.from_bytes(bytes(blob), "little")
    rest = condition if condition.prefix else condition.sparse()
    if rest.prefix or rest.values:
        found = rownums(resource_id, rest)
        bits |= int.from_bytes(to_bitmap(found, row_count), "little")
    return bits


def positions(bits: int, offset: int = 0, limit: int | None = None) -> list[int]:
    """The set bits' numbers (rownums) offset..offset+limit, skipping whole 4 kB blocks by
    their bit count."""
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    out: list[int] = []
    skip, block = offset, 4096
    for start in range(0, len(data), block):
        chunk = data[start : start + block]
        ones = int.from_bytes(chunk, "little").bit_count()
        if skip >= ones:
            skip -= ones
            continue
        for i, byte in enumerate(chunk):
            while byte:
                low = byte & -byte
                if skip:
                    skip -= 1
                else:
                    out.append((start + i) * 8 + low.bit_length() - 1)
                    if limit is not None and len(out) >= limit:
                        return out
                byte ^= low
    return out


def page(
    resource_id: int, condition: Condition, *, offset: int, limit: int, after: int = 0
) -> list[int]:
    """One condition's rownums offset..offset+limit (after rownum `after`), read in index
    order. Several values: the first offset+limit of each value's range, merged (never a
    sort of all the matches)."""
    if condition.prefix:
        found = sorted(r for r in rownums(resource_id, condition) if r > after)
        return found[offset : offset + limit]
    if len(condition.values) == 1:
        where, params = condition.where(resource_id)
        sql = (
            f"SELECT rownum FROM {TABLE} WHERE {where} AND rownum > %s"  # nosec B608
            " ORDER BY rownum LIMIT %s OFFSET %s"
        )
        return [r for (r,) in _fetch(sql, [*params, after, limit, offset])]
    parts, params = [], []
    for value in condition.values:
        parts.append(
            f"SELECT * FROM (SELECT rownum FROM {TABLE}"  # nosec B608
            " WHERE resource_id = %s AND field = %s"
            " AND value = %s AND rownum > %s ORDER BY rownum LIMIT %s) AS v"
        )
        params += [resource_id, condition.field, value, after, offset + limit]
    sql = " UNION ALL ".join(parts) + " ORDER BY rownum LIMIT %s OFFSET %s"
    return [r for (r,) in _fetch(sql, [*params, limit, offset])]


def rownums(resource_id: int, condition: Condition, lo: int = 0, hi: int = 0) -> set[int]:
    where, params = condition.where(resource_id)
    if hi:
        where += " AND rownum BETWEEN %s AND %s"
        params += [lo, hi]
    rows = _fetch(f"SELECT rownum, value FROM {TABLE} WHERE {where}", params)  # nosec B608
    if condition.prefix:  # the range is exact on a C/binary collation; keep it honest anyway
        return {r for r, v in rows if v.startswith(condition.prefix)}
    return {r for r, _v in rows}


def probe(resource_id: int, condition: Condition, candidates: list[int]) -> set[int]:
    """The candidates that meet the condition: one key lookup each, in chunks."""
    found: set[int] = set()
    base, base_params = condition.where(resource_id)
    for i in range(0, len(candidates), PROBE_CHUNK):
        chunk = candidates[i : i + PROBE_CHUNK]
        marks = ", ".join(["%s"] * len(chunk))
        sql = f"SELECT rownum, value FROM {TABLE} WHERE {base}"  # nosec B608
        sql += f" AND rownum IN ({marks})"
        for r, v in _fetch(sql, [*base_params, *chunk]):
            if not condition.prefix or v.startswith(condition.prefix):
                found.add(r)
    return found


@dataclass
class Matches:
    rownums: list[int]  # the page, ascending
    total: int | None
    estimated: bool = False


def search(
    resource_id: int,
    conditions: list[Condition],
    *,
    row_count: int,
    offset: int,
    limit: int,
    include_total: bool,
    estimate_above: int | None,
) -> Matches:
    """The page and total of the rows meeting every condition.

    The counts of the conditions come first (bitmap counts, index-only counts). One
    condition: its count is the exact total and its page one index range. Several: when the
    caller accepts an estimate (CKAN's total_estimation_threshold) and the independence
    estimate row_count × Π(share) is above it, and some condition has values without a
    bitmap, only the first offset+limit matches are found (driver's rownums in order,
    others probed) and the total is that estimate; otherwise the conditions' bitmaps are
    AND'ed, smallest first (a few candidates are probed in a large condition instead), and
    the result's bit count is the exact total."""
    for condition in list(conditions):
        condition.count = count(resource_id, condition)
        if condition.count == 0 and condition.parts:
            conditions.remove(condition)
            conditions += condition.parts
            for part in condition.parts:
                part.count = count(resource_id, part)
                if part.count == 0:
                    return Matches([], 0 if include_total else None)
        elif condition.count == 0:
            return Matches([], 0 if include_total else None)
    conditions.sort(key=lambda c: c.count)
    if len(conditions) == 1:
        found = page(resource_id, conditions[0], offset=offset, limit=limit)
        return Matches(found, conditions[0].count if include_total else None)
    estimate = float(row_count or 1)
    for condition in conditions:
        estimate *= condition.count / max(row_count, 1)
    # Finding only the first matches pays when some condition must be read from index
    # entries; bitmaps alone are AND'ed faster than that, and then the total is exact.
    entries = any(c.prefix or len(c.dense) < len(c.values) for c in conditions)
    if entries and (
        not include_total or (estimate_above is not None and estimate > estimate_above)
    ):
        found = _first_matches(resource_id, conditions, offset + limit)[offset:]
        if not include_total:
            return Matches(found, None)
        return Matches(found, max(round(estimate), offset + len(found)), estimated=True)
    found = None
    for condition in conditions:
        if found is not None:
            n = found.bit_count()
            if n == 0:
                break
            if (
                condition.dense != condition.values
                and n <= PROBE_MAX
                and (condition.count > PROBE_RATIO * n)
            ):
                hits = probe(resource_id, condition, positions(found))
                found &= int.from_bytes(to_bitmap(hits, row_count), "little")
                continue
        bits = bitmap(resource_id, condition, row_count)
        found = bits if found is None else found & bits
    found = found or 0
    return Matches(positions(found, offset, limit), found.bit_count())


def _first_matches(resource_id: int, conditions: list[Condition], wanted: int) -> list[int]:
    """The first `wanted` rownums meeting every condition: the smallest condition's rownums
    in order, a growing window at a time, the others probed for them."""
    found: list[int] = []
    driver, others = conditions[0], conditions[1:]
    step, last = max(wanted * 4, 1000), 0
    while len(found) < wanted:
        window = page(resource_id, driver, offset=0, limit=step, after=last)
        if not window:
            break
        last = window[-1]
        keep = set(window)
        for condition in others:
            keep &= probe(resource_id, condition, sorted(keep))
            if not keep:
                break
        found.extend(sorted(keep))
        step *= 2
    return found[:wanted]
