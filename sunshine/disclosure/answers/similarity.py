"""Whether two descriptions ask for the same information: cosine similarity of TF-IDF vectors
over jieba words (the kernel search's segmentation, so the government dictionary keeps
广东省交通运输厅 and the like whole).

The TF-IDF and leader clustering of participation/messagetopics/algorithms.py were looked at
first; the import-linter layers keep the 信息公开 and 互动回应 domains independent, so that code
cannot be imported from here, and it is built for 100,000 short messages with sparse matrices.
What is needed here is much smaller: one description against a few hundred of the same agency's
requests (or its public answers), which plain dictionaries do in a few milliseconds.

Sublinear tf (1 + ln tf) and smoothed idf (ln((1+n)/(1+df)) + 1), as in messagetopics; one-
character words and a short list of words every application contains (申请, 公开, 信息 ...)
are dropped — they would make any two applications look alike."""

import math
from collections import Counter
from collections.abc import Sequence

from sunshine.kernel.search.segment import sub_words, words

# Words of the application form itself, not of the information asked for.
STOP_WORDS = frozenset(
    """申请 公开 信息 政府 政府信息 提供 相关 有关 文件 资料 请求 要求 本人 我们 希望 贵单位 贵局
    贵厅 贵委 贵办 内容 以及 或者 关于 全部 所有 具体 情况 包括 其中 根据 条例 依法 获取 查询""".split()
)


def tokens(text: str) -> list[str]:
    """The words compared (two characters or more, no stop words); a compound also gives the
    dictionary words it is made of (资金分配 → 资金 分配), so 资金的分配 and 资金分配 meet."""
    out = []
    for word in words(text or ""):
        for w in (word, *sub_words(word)):
            if len(w) >= 2 and w not in STOP_WORDS:
                out.append(w)
    return out


def token_text(text: str) -> str:
    return " ".join(tokens(text))


def _vector(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    weights = {t: (1 + math.log(c)) * idf[t] for t, c in counts.items() if t in idf}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def similarities(query: Sequence[str], documents: Sequence[Sequence[str]]) -> list[float]:
    """The cosine similarity of `query` (its tokens) to each document (their tokens), with idf
    computed over the documents and the query together."""
    bags = [Counter(d) for d in documents]
    mine = Counter(query)
    if not mine:
        return [0.0] * len(bags)
    n = len(bags) + 1
    df: Counter = Counter()
    for bag in (*bags, mine):
        df.update(bag.keys())
    idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
    q = _vector(mine, idf)
    return [round(cosine(q, _vector(bag, idf)), 4) if bag else 0.0 for bag in bags]
