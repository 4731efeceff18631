"""Training, evaluation and use of the sentiment model.

TF-IDF over jieba words (the kernel segmenter) and character 1–3-grams, then a logistic
regression, fitted on the two sentiment-zh corpora (hotel and food-delivery reviews; the only
labelled Chinese sentiment data we may ship). Accuracy is measured on a stratified 20 % split
(seed 0, stratified by corpus and label) that training does not see; the shipped model is then
refit on every row. Reviews are not government messages: treat the label as a hint for staff
(which comments read negative), never as a decision.
"""

import csv
import hashlib
import json
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import joblib
import sklearn
from django.conf import settings
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import FeatureUnion, Pipeline

from sunshine.kernel.search import segment

MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_PATH = MODEL_DIR / "sentiment_model.joblib"
METRICS_PATH = MODEL_DIR / "sentiment_model.json"
CORPORA = ("ChnSentiCorp_htl_all.csv", "waimai_10k.csv")
HELD_FRACTION = 0.2
SEED = 0
# Scores between the two bounds are "neutral": the model is unsure, so we do not say more.
NEGATIVE_BELOW = 0.4
POSITIVE_ABOVE = 0.6

_SPACE_RE = re.compile(r"\s+")


class SentimentModelError(Exception):
    """The shipped model is missing or was built with another scikit-learn version."""


def default_data_dir() -> Path:
    return Path(settings.BASE_DIR).parent / "shared" / "data" / "sentiment-zh"


def clean(text: str) -> str:
    return _SPACE_RE.sub(" ", text or "").strip()


def word_tokens(text: str) -> list[str]:
    """Analyzer of the word TF-IDF (module-level so that the model pickles by reference)."""
    return segment.words(text)


def build_pipeline() -> Pipeline:
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(analyzer=word_tokens, sublinear_tf=True, min_df=2)),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(1, 3),
                    sublinear_tf=True,
                    min_df=3,
                    max_features=150_000,
                ),
            ),
        ]
    )
    return Pipeline([("features", features), ("model", LogisticRegression(C=4.0, max_iter=2000))])


def read_corpora(data_dir: Path) -> tuple[list[str], list[int], list[str]]:
    """(texts, labels 1/0, corpus name per row); rows with an empty review are skipped."""
    texts, labels, corpora = [], [], []
    for name in CORPORA:
        with open(Path(data_dir) / name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                text = clean(row.get("review", ""))
                if not text:
                    continue
                texts.append(text)
                labels.append(int(row["label"]))
                corpora.append(name)
    return texts, labels, corpora


@dataclass
class TrainResult:
    accuracy: float
    macro_f1: float
    per_corpus: dict[str, float]
    n_train: int
    n_held: int
    seconds: float
    model_bytes: int


def train(data_dir: Path, *, out_dir: Path = MODEL_DIR, limit: int | None = None) -> TrainResult:
    started = time.monotonic()
    texts, labels, corpora = read_corpora(data_dir)
    if limit:
        # Every step-th row, so that a small run still sees both corpora and labels.
        step = max(1, -(-len(texts) // limit))  # ceil: at most `limit` rows
        texts, labels, corpora = texts[::step], labels[::step], corpora[::step]
    strata = [f"{c}:{y}" for c, y in zip(corpora, labels, strict=True)]
    idx = list(range(len(texts)))
    train_idx, held_idx = train_test_split(
        idx, test_size=HELD_FRACTION, stratify=strata, random_state=SEED
    )
    pipe = build_pipeline().fit([texts[i] for i in train_idx], [labels[i] for i in train_idx])
    held_y = [labels[i] for i in held_idx]
    predicted = pipe.predict([texts[i] for i in held_idx])
    per_corpus = {}
    for name in CORPORA:
        pairs = [
            (y, p)
            for i, y, p in zip(held_idx, held_y, predicted, strict=True)
            if corpora[i] == name
        ]
        if pairs:
            per_corpus[name] = round(float(accuracy_score(*zip(*pairs, strict=True))), 4)
    accuracy = float(accuracy_score(held_y, predicted))
    macro = float(f1_score(held_y, predicted, average="macro"))
    final = build_pipeline().fit(texts, labels)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model_path = out_dir / MODEL_PATH.name
    joblib.dump({"sklearn": sklearn.__version__, "pipeline": final}, model_path, compress=3)
    seconds = time.monotonic() - started
    meta = {
        "accuracy_held": round(accuracy, 4),
        "macro_f1_held": round(macro, 4),
        "accuracy_held_per_corpus": per_corpus,
        "held_fraction": HELD_FRACTION,
        "seed": SEED,
        "n_train": len(train_idx),
        "n_held": len(held_idx),
        "data_sha256": {
            name: hashlib.sha256((Path(data_dir) / name).read_bytes()).hexdigest()
            for name in CORPORA
        },
        "sklearn_version": sklearn.__version__,
        "segment_version": segment.SEGMENT_VERSION,
    }
    (out_dir / METRICS_PATH.name).write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    load_model.cache_clear()
    return TrainResult(
        accuracy=accuracy,
        macro_f1=macro,
        per_corpus=per_corpus,
        n_train=len(train_idx),
        n_held=len(held_idx),
        seconds=seconds,
        model_bytes=model_path.stat().st_size,
    )


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> Pipeline:
    if not Path(path).exists():
        raise SentimentModelError(f"sentiment model missing: {path} (run train_sentiment)")
    bundle = joblib.load(path)
    if bundle.get("sklearn") != sklearn.__version__:
        raise SentimentModelError(
            f"sentiment model built with scikit-learn {bundle.get('sklearn')}, "
            f"running {sklearn.__version__}: run train_sentiment"
        )
    return bundle["pipeline"]


def score_texts(texts: list[str], *, model_path: Path = MODEL_PATH) -> list[float]:
    """Probability that each text is positive (0..1). Empty texts score 0.5 (neutral)."""
    if not texts:
        return []
    cleaned = [clean(t) for t in texts]
    present = [i for i, t in enumerate(cleaned) if t]
    scores = [0.5] * len(cleaned)
    if present:
        pipe = load_model(model_path)
        positive = list(pipe.classes_).index(1)
        probs = pipe.predict_proba([cleaned[i] for i in present])[:, positive]
        for i, p in zip(present, probs, strict=True):
            scores[i] = round(float(p), 4)
    return scores


def label_for(score: float) -> str:
    if score < NEGATIVE_BELOW:
        return "negative"
    if score > POSITIVE_ABOVE:
        return "positive"
    return "neutral"
