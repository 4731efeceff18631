"""Chinese segmentation for the search index (jieba + the government dictionary).

Index and query go through the same steps, so that a word is written the same way on both
sides:

1. `normalize_text`: NFKC (full-width letters, digits and punctuation become half-width),
   lower case, and the year brackets of a 文号 written `[2016]`, `(2016)`, `［2016］`,
   `（2016）`, `【2016】` become `〔2016〕`.
2. jieba's precise mode (with HMM for unknown words such as names) and the government
   dictionary `data/gov_dict.txt`, so that 广东省人民政府办公厅 and 阳光政务 stay whole.
3. Tokens are runs of letters and digits only (punctuation is dropped; `互联网+政务服务` gives
   two tokens on both sides).

The index adds, after each compound word, the dictionary words it is made of (`sub_words`):
广东省人民政府办公厅 → 广东省 人民政府 办公厅 广东 人民 政府 办公 ... so that a two-character
query such as 交通 finds 交通运输厅. Unlike jieba's `cut_for_search`, only words that follow
the word's own inner boundaries are added: 人民政府 does not yield 民政.
"""

import io
import logging
import math
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
from django.conf import settings

DICT_PATH = Path(__file__).resolve().parent / "data" / "gov_dict.txt"
# The words of the shipped synonym groups are dictionary words too (synonyms.py).
SYNONYMS_PATH = DICT_PATH.parent / "synonyms.txt"

# Bump when the way tokens are produced changes: every document is then re-tokenised on its
# next indexing (the digest of a document includes it).
SEGMENT_VERSION = "1"

_TOKEN_RE = re.compile(r"[^\W_]+")
_CJK_RE = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
_JIEBA_WORD_RE = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+$")  # what jieba keeps whole
# 文号 year brackets in their common variants (after NFKC, ［（ are already [ ( ).
_YEAR_BRACKETS_RE = re.compile(r"[\[(【〔〖﹝]\s*(\d{4})\s*[\])】〕〗﹞]")

MAX_QUERY_WORDS = 12

_lock = threading.Lock()
_ready = False


def normalize_text(text: str) -> str:
    """The form of a text that is segmented (never shown)."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _YEAR_BRACKETS_RE.sub(r"〔\1〕", text)


def _load_dictionary(tokenizer: jieba.Tokenizer) -> None:
    # jieba.load_userdict(path) opens the file and never closes it: read it ourselves, and
    # drop our comment lines (jieba would take them for words).
    with open(DICT_PATH, encoding="utf-8") as fh:
        lines = [ln.strip() for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    with open(SYNONYMS_PATH, encoding="utf-8") as fh:
        for ln in fh:
            if ln.strip() and not ln.lstrip().startswith("#"):
                words = (normalize_text(w) for w in ln.split())
                lines += [w for w in words if len(w) >= 2 and _JIEBA_WORD_RE.match(w)]
    tokenizer.load_userdict(io.StringIO("\n".join(lines)))
    # jieba's suggested frequency only just beats the word's own pieces, and it was computed
    # before the rest of the dictionary was loaded: 广东省人民政府办公厅 then loses to
    # 广东省 + 人民政府办公厅. Recompute, shorter words first, with a margin.
    plain = sorted({ln for ln in lines if " " not in ln}, key=len)
    _split.cache_clear()
    for word in plain:
        tokenizer.FREQ[word] = max(tokenizer.FREQ.get(word, 0), _min_freq(tokenizer, word))
    _split.cache_clear()


def _min_freq(tokenizer: jieba.Tokenizer, word: str, margin: int = 20) -> int:
    """A frequency that makes `word` more likely than its most likely split, `margin` times."""
    if len(word) < 2:
        return 1
    probability = 1.0
    for piece in _split(word):
        probability *= (tokenizer.FREQ.get(piece) or 1) / tokenizer.total
    return int(probability * tokenizer.total * margin) + 1


def tokenizer() -> jieba.Tokenizer:
    """jieba's shared tokenizer, initialised once per process with our dictionary. Its cache
    lives under VAR_DIR/jieba (jieba would write 9 MB to /tmp otherwise)."""
    global _ready
    if not _ready:
        with _lock:
            if not _ready:
                cache_dir = Path(settings.VAR_DIR) / "jieba"
                cache_dir.mkdir(parents=True, exist_ok=True)
                jieba.setLogLevel(logging.WARNING)
                jieba.dt.tmp_dir = str(cache_dir)
                jieba.dt.initialize()
                _load_dictionary(jieba.dt)
                _ready = True
    return jieba.dt


def warm_up() -> None:
    """Load jieba now (about 0.5 s) instead of in the first request that searches."""
    tokenizer()


def add_terms(terms: Iterable[str], *, freq: int | None = None) -> int:
    """Teach the segmenter words of a module (e.g. every agency's name) at run time. Words
    that jieba cannot keep whole (spaces, punctuation) are skipped. Returns how many were
    added. Documents indexed before keep their old tokens; the query side still finds them
    (see `query_terms`), and `manage.py search_reindex` rewrites them."""
    tk = tokenizer()
    added = 0
    for term in terms:
        term = unicodedata.normalize("NFKC", (term or "").strip()).lower()
        if len(term) < 2 or not _JIEBA_WORD_RE.match(term) or tk.FREQ.get(term):
            continue
        tk.add_word(term, freq)
        added += 1
    if added:
        _split.cache_clear()
        sub_words.cache_clear()
    return added


def is_word(text: str) -> bool:
    return bool(tokenizer().FREQ.get(text))


def is_cjk(text: str) -> bool:
    return bool(_CJK_RE.match(text))


def parts_of(word: str) -> tuple[str, ...]:
    """The dictionary words (two characters or more) a compound is most likely made of."""
    return tuple(p for p in split(word) if len(p) >= 2)


def split(word: str) -> tuple[str, ...]:
    """The most likely segmentation of a word into smaller pieces (single characters too)."""
    tokenizer()
    return _split(word)


@lru_cache(maxsize=50_000)
def _split(word: str) -> tuple[str, ...]:
    """The most likely segmentation of `word` into smaller dictionary words (jieba's route
    computation, with the whole word itself forbidden). Call after `tokenizer()`."""
    tk = jieba.dt
    n = len(word)
    dag = tk.get_DAG(word)
    dag[0] = [end for end in dag[0] if end != n - 1] or [0]
    log_total = math.log(tk.total)
    route: dict[int, tuple[float, int]] = {n: (0.0, 0)}
    for i in range(n - 1, -1, -1):
        route[i] = max(
            (math.log(tk.FREQ.get(word[i : end + 1]) or 1) - log_total + route[end + 1][0], end)
            for end in dag[i]
        )
    pieces, i = [], 0
    while i < n:
        end = route[i][1] + 1
        pieces.append(word[i:end])
        i = end
    return tuple(pieces)


def _boundaries(word: str, offset: int, out: set[int]) -> None:
    position = offset
    for piece in _split(word):
        out.add(position)
        if len(piece) >= 3:
            _boundaries(piece, position, out)
        position += len(piece)
    out.add(position)


@lru_cache(maxsize=200_000)
def sub_words(word: str) -> tuple[str, ...]:
    """Dictionary words (two characters or more) inside a Chinese compound, cut only at the
    compound's own inner boundaries: 广东省人民政府办公厅 → 广东 广东省 人民 人民政府 政府 办公
    办公厅 ... (never 民政)."""
    if len(word) < 3 or not _CJK_RE.match(word):
        return ()
    bounds: set[int] = set()
    _boundaries(word, 0, bounds)
    cuts = sorted(bounds)
    tk = tokenizer()
    found = []
    for a, start in enumerate(cuts):
        for end in cuts[a + 1 :]:
            if end - start >= 2 and (start, end) != (0, len(word)):
                candidate = word[start:end]
                if tk.FREQ.get(candidate):
                    found.append(candidate)
    return tuple(found)


def words(text: str) -> list[str]:
    """The tokens of a text in jieba's precise mode, normalised, punctuation dropped."""
    out = []
    for word in tokenizer().cut(normalize_text(text)):
        out.extend(_TOKEN_RE.findall(word))
    return out


def index_tokens(text: str) -> str:
    """What the full-text index stores for a text: its words, each compound followed by its
    sub-words, joined by spaces."""
    out = []
    for word in words(text):
        out.append(word)
        out.extend(sub_words(word))
    return " ".join(out)


@dataclass(frozen=True)
class QueryTerm:
    """One word of a query. It matches a document holding `word`, or, when `parts` is not
    empty, one holding all of `parts` (a compound the document was indexed without, e.g. an
    agency name added with `add_terms` after the document was indexed). A `prefix` term
    matches any token that starts with it (a one-character query). `alternatives`: its
    synonyms (synonyms.expand), each a term without alternatives of its own; a document
    holding any of them matches too."""

    word: str
    parts: tuple[str, ...] = ()
    prefix: bool = False
    alternatives: tuple["QueryTerm", ...] = ()

    def as_typed(self) -> "QueryTerm":
        return QueryTerm(word=self.word, parts=self.parts, prefix=self.prefix)


def query_terms(q: str) -> list[QueryTerm]:
    """The words of a query, all of which a hit must contain. Single characters (的, 和, 省)
    are dropped when the query has longer words; a query of single characters matches them
    as prefixes."""
    seen: dict[str, None] = {}
    for word in words(q):
        seen.setdefault(word, None)
    found = list(seen)[:MAX_QUERY_WORDS]
    longer = [w for w in found if len(w) >= 2]
    if not longer:
        return [QueryTerm(word=w, prefix=True) for w in found]
    terms = []
    for word in longer:
        parts: tuple[str, ...] = ()
        if _CJK_RE.match(word) and (len(word) >= 4 or not is_word(word)):
            parts = parts_of(word)
        terms.append(QueryTerm(word=word, parts=parts))
    return terms
