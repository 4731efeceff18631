"""没有找到？试试… : "did you mean" for a query that found nothing, beyond dropping words
(query._suggest): a word one character away from a known word (社宝 → 社保, 公积全 → 公积金)
is replaced by it, if the query then finds something.

Known words are the synonym dictionary (both the shipped file and staff groups), the
government dictionary of the segmenter (data/gov_dict.txt) and the popular searches of the
portal (selectors.popular_queries): a few thousand words, compared in memory. Every
suggestion is checked against the public index before it is shown, so it never points to
nothing (nor hints at a hidden document).
"""

from collections.abc import Callable
from functools import cache

from . import segment, synonyms

MAX_UNITS = 6  # words of the query looked at
SPAN_UNITS = 3
MAX_CHECKS = 6  # searches run to check suggestions
MAX_SUGGESTIONS = 3


@cache
def _dictionary_words() -> tuple[str, ...]:
    words = []
    for line in segment.DICT_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word = segment.normalize_text(line.split()[0])
            if len(word) >= 2:
                words.append(word)
    return tuple(words)


def vocabulary(popular: list[str]) -> list[str]:
    """Known words, the popular ones first (they are the likeliest to be meant)."""
    seen: dict[str, None] = {}
    for word in (*popular, *synonyms.vocabulary(), *_dictionary_words()):
        seen.setdefault(word, None)
    return list(seen)


def units(q: str) -> list[str]:
    """The words of a query, with runs of single Chinese characters joined again (jieba cuts
    a misspelt word such as 社宝 into 社 宝)."""
    out: list[str] = []
    run = ""
    for word in segment.words(q):
        if len(word) == 1 and segment.is_cjk(word):
            run += word
            continue
        if run:
            out.append(run)
            run = ""
        out.append(word)
    if run:
        out.append(run)
    return out


def one_apart(a: str, b: str) -> bool:
    """Whether b is a with one character replaced, added or left out."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long)):
        if long[:i] + long[i + 1 :] == short:
            return True
    return False


def near(word: str, known: list[str]) -> list[str]:
    if len(word) < 2:
        return []
    return [w for w in known if one_apart(word, w) and len(w) >= 2]


def did_you_mean(q: str, *, finds: Callable[[str], bool], popular: list[str]) -> list[str]:
    """Up to MAX_SUGGESTIONS queries like `q` with one word corrected that find something
    (`finds(query)` runs the search): the query with the word corrected, or else the corrected
    word alone (住房公基金 火星 → 住房公积金)."""
    words = units(q)[:MAX_UNITS]
    if not words:
        return []
    known = vocabulary(popular)
    # A misspelt word may have been cut into pieces (住房公基金 → 住房 公 基金): runs of up to
    # SPAN_UNITS neighbouring words are compared too, the longest first.
    spans = sorted(
        ((i, j) for i in range(len(words)) for j in range(i + 1, min(len(words), i + SPAN_UNITS) + 1)),
        key=lambda span: (span[0] - span[1], span[0]),
    )  # fmt: skip
    found: list[str] = []
    checks = 0
    for i, j in spans:
        for candidate in near("".join(words[i:j]), known):
            if checks >= MAX_CHECKS or len(found) >= MAX_SUGGESTIONS:
                return found
            # The whole query corrected; if that still finds nothing, the corrected word alone.
            for suggestion in dict.fromkeys([" ".join([*words[:i], candidate, *words[j:]]),
                                             candidate]):  # fmt: skip
                if checks >= MAX_CHECKS or suggestion in found:
                    break
                checks += 1
                if finds(suggestion):
                    found.append(suggestion)
                    break
    return found
