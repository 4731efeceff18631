"""Numbers of a consultation's comments: per clause, per day, top terms (jieba through the
kernel search segmenter, stop words removed) and a sentiment summary (the shipped offline
model of participation/sentiment). Public pages count visible comments only."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.core.cache import cache
from django.db.models import Count, Max
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import get_language

from sunshine.kernel.search.segment import words

from .choices import CommentState
from .models import Consultation, ConsultationComment

STOPWORDS_PATH = Path(__file__).resolve().parent / "data" / "stopwords.txt"
SENTIMENT_LABELS = ("positive", "neutral", "negative")
STATS_CACHE_SECONDS = 600


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    out: set[str] = set()
    with open(STOPWORDS_PATH, encoding="utf-8") as fh:
        for line in fh:
            if not line.lstrip().startswith("#"):
                out.update(line.split())
    return frozenset(out)


@dataclass
class ConsultationStats:
    total: int = 0
    per_clause: list[tuple[str, int]] = field(default_factory=list)  # (label, n), draft order
    per_day: list[tuple[dt.date, int]] = field(default_factory=list)
    top_terms: list[tuple[str, int]] = field(default_factory=list)
    sentiment: dict = field(default_factory=dict)  # {"positive": n, ..., "average": 0..1}

    @property
    def max_per_clause(self) -> int:
        return max((n for _l, n in self.per_clause), default=0)

    @property
    def max_per_day(self) -> int:
        return max((n for _d, n in self.per_day), default=0)


def _comments(consultation: Consultation, public: bool):
    qs = ConsultationComment.objects.filter(consultation=consultation)
    return qs.filter(state=CommentState.VISIBLE) if public else qs


def comments_per_clause(consultation: Consultation, *, public: bool = True) -> list:
    """[(label, n)] for every clause in order (0 included), "整体意见" first for the whole."""
    from django.utils.translation import gettext as _

    counts = dict(
        _comments(consultation, public)
        .values("clause_id")
        .annotate(n=Count("pk"))
        .values_list("clause_id", "n")
    )
    rows = [(_("对全文的意见"), counts.get(None, 0))]
    for clause in consultation.clauses.order_by("position").only("pk", "label"):
        rows.append((clause.label, counts.get(clause.pk, 0)))
    return rows


def comments_per_day(consultation: Consultation, *, public: bool = True) -> list:
    """[(date, n)] per local (Asia/Shanghai) day that had comments, oldest first."""
    rows = (
        _comments(consultation, public)
        .annotate(day=TruncDate("submitted_at", tzinfo=timezone.get_default_timezone()))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    return [(r["day"], r["n"]) for r in rows]


def top_terms(texts: list[str], *, limit: int = 20) -> list[tuple[str, int]]:
    """The most frequent words (≥ 2 characters, not stop words, not numbers), counted once per
    comment so that one long comment does not dominate."""
    stop = stopwords()
    counter: Counter = Counter()
    for text in texts:
        seen = {w for w in words(text) if len(w) >= 2 and w not in stop and not w.isdigit()}
        counter.update(seen)
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def sentiment_summary(texts: list[str]) -> dict:
    """{"positive": n, "neutral": n, "negative": n, "average": mean score or None}."""
    from sunshine.participation.sentiment import label_for, score_texts

    summary = {label: 0 for label in SENTIMENT_LABELS}
    if not texts:
        return {**summary, "average": None}
    scores = score_texts(texts)
    for score in scores:
        summary[label_for(score)] += 1
    return {**summary, "average": sum(scores) / len(scores)}


def consultation_stats(consultation: Consultation, *, public: bool = True) -> ConsultationStats:
    """All the numbers, cached until a comment is added or moderated (segmenting and scoring
    2,000 comments takes about a second)."""
    marks = ConsultationComment.objects.filter(consultation=consultation).aggregate(
        n=Count("pk"), last=Max("submitted_at"), moderated=Max("moderated_at")
    )
    stamp = f"{marks['n']}:{marks['last'] and marks['last'].timestamp()}"
    stamp += f":{marks['moderated'] and marks['moderated'].timestamp()}"
    key = f"consultations:stats:v1:{consultation.pk}:{int(public)}:{get_language()}:{stamp}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    texts = list(_comments(consultation, public).values_list("body", flat=True))
    stats = ConsultationStats(
        total=len(texts),
        per_clause=comments_per_clause(consultation, public=public),
        per_day=comments_per_day(consultation, public=public),
        top_terms=top_terms(texts),
        sentiment=sentiment_summary(texts),
    )
    cache.set(key, stats, STATS_CACHE_SECONDS)
    return stats
