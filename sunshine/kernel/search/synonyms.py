"""同义词与简称 (synonyms and abbreviations), applied at query time.

People type 社保, 网约车, 公积金; documents say 社会保险, 网络预约出租汽车, 住房公积金. A query word
that belongs to a group also matches every other word of its group (an OR on both engines,
backends.py), and documents holding the words as typed rank before those found only through
a synonym (backends.EXACT_BONUS).

The groups are the shipped dictionary `data/synonyms.txt` (one group a line, maintained in
the repository) and the active `SynonymGroup` rows that staff add in the workbench
(/workbench/search/synonyms/). A change takes effect at once, without a restart: each
process keeps the table it built with a version, and compares it with the version in the
cache (CACHE_KEY) on every query. A change sets the new version in the cache (shared by every
process with Redis); when the key is missing (a fresh or local-memory cache), the version is
read from the database and kept VERSION_SECONDS, so a process with its own local-memory cache
sees another process's change within that time at worst.

Every word of a group is also taught to the segmenter (segment.add_terms; the shipped words
are loaded with the government dictionary), so that 网约车 is one word on both sides.
"""

import hashlib
import re
import threading
from dataclasses import dataclass, field
from functools import cache

from django.core.cache import cache as django_cache
from django.db import transaction

from . import segment
from .segment import QueryTerm

FILE_PATH = segment.SYNONYMS_PATH
CACHE_KEY = "search:synonyms:version"
VERSION_SECONDS = 10
MAX_WORD_CHARS = 30
MAX_GROUP_WORDS = 12
MAX_ALTERNATIVES = 8  # per query word: the expression stays small
_WORD_RE = re.compile(r"^[^\W_]+$")


def clean_words(text: str) -> list[str]:
    """The words of a group as the index writes them (normalised, letters and digits only),
    each once, in the order given. Words that cannot be searched are dropped: see
    `invalid_words` to refuse them instead."""
    found: dict[str, None] = {}
    for raw in re.split(r"[\s,，、;；]+", text or ""):
        word = segment.normalize_text(raw)
        if 2 <= len(word) <= MAX_WORD_CHARS and _WORD_RE.match(word):
            found.setdefault(word, None)
    return list(found)


def invalid_words(text: str) -> list[str]:
    """The words of `text` that cannot be part of a group (one character, punctuation, too
    long), as typed."""
    bad = []
    for raw in re.split(r"[\s,，、;；]+", text or ""):
        if not raw:
            continue
        word = segment.normalize_text(raw)
        if not (2 <= len(word) <= MAX_WORD_CHARS and _WORD_RE.match(word)):
            bad.append(raw)
    return bad


@cache
def file_groups() -> tuple[tuple[str, ...], ...]:
    """The groups of data/synonyms.txt (read once per process: it changes with a release)."""
    groups = []
    for line in FILE_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            words = clean_words(line)
            if len(words) >= 2:
                groups.append(tuple(words))
    return tuple(groups)


@dataclass
class Table:
    version: str
    groups: tuple[tuple[str, ...], ...] = ()
    # word → the other words of every group it is in, in the groups' order
    others: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _build(version: str, staff_groups: list[tuple[str, ...]]) -> Table:
    groups = (*file_groups(), *staff_groups)
    others: dict[str, dict[str, None]] = {}
    for group in groups:
        for word in group:
            bucket = others.setdefault(word, {})
            for other in group:
                if other != word:
                    bucket.setdefault(other, None)
    segment.add_terms(w for group in staff_groups for w in group)
    return Table(
        version=version,
        groups=groups,
        others={w: tuple(o)[:MAX_ALTERNATIVES] for w, o in others.items()},
    )


def _staff_groups() -> tuple[str, list[tuple[str, ...]]]:
    """The active staff groups and the version they make (a digest of their content, so a
    database rolled back or restored gives its own version)."""
    from .models import SynonymGroup

    rows = list(
        SynonymGroup.objects.filter(is_active=True).order_by("id").values_list("id", "words")
    )
    version = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    return version, [tuple(words.split()) for _pk, words in rows]


_lock = threading.Lock()
_table: Table | None = None


def table() -> Table:
    """The synonym table of the current version (see the module)."""
    global _table
    version = django_cache.get(CACHE_KEY)
    current = _table
    if current is not None and version == current.version:
        return current
    with _lock:
        version_now, staff = _staff_groups()
        if version is None or version != version_now:
            django_cache.set(CACHE_KEY, version_now, VERSION_SECONDS)
        if _table is None or _table.version != version_now:
            _table = _build(version_now, staff)
        return _table


def changed() -> None:
    """Call after a staff group was added or changed: every process rebuilds its table on its
    next query (after the transaction commits, so that the new rows are seen)."""

    def publish():
        version, _staff = _staff_groups()
        django_cache.set(CACHE_KEY, version, VERSION_SECONDS)

    transaction.on_commit(publish)


def _pieces(word: str) -> tuple[str, ...]:
    """What a document indexed before `word` was a dictionary word holds instead of it: its
    pieces, single characters included (健康码 → 健康 码). A synonym's word may have become a
    word only when its group was added, after most documents were indexed."""
    if len(word) < 3 or not segment.is_cjk(word):
        return ()
    pieces = segment.split(word)
    return pieces if len(pieces) > 1 else ()


def expand(terms: list[QueryTerm]) -> list[QueryTerm]:
    """The query's terms, each with the other words of its synonym groups as alternatives."""
    others = table().others
    out = []
    for term in terms:
        alternatives = () if term.prefix else others.get(term.word, ())
        if alternatives:
            term = QueryTerm(
                word=term.word,
                parts=term.parts or _pieces(term.word),
                alternatives=tuple(QueryTerm(word=w, parts=_pieces(w)) for w in alternatives),
            )
        out.append(term)
    return out


def vocabulary() -> tuple[str, ...]:
    """Every word of the synonym groups (for "did you mean")."""
    return tuple(table().others)
