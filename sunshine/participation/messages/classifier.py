"""First-level category (一级分类) classifier for citizen messages.

TF-IDF over jieba words (the kernel segmenter, same dictionary as search) and character
1-3-grams of 留言主题 + 留言详情, then a logistic regression. Trained by
`manage.py train_message_classifier` on `taidi2020/labelled_dev.csv`; macro-F1 is measured on
a stratified 25 % split (seed 0) that training does not see; the shipped model is then refit
on all labelled rows. Everything is deterministic: same data, same metrics.
"""

import csv
import hashlib
import json
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.translation import gettext as _

from sunshine.kernel.search import segment

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

# scikit-learn and joblib (≈ 3 s to import) are imported where they are used, not when Django
# starts: this module is reached from the messages services, which every process imports.

MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_PATH = MODEL_DIR / "category_model.joblib"
METRICS_PATH = MODEL_DIR / "category_model.json"
LABELLED_FILE = "labelled_dev.csv"
SUBJECT, BODY, CATEGORY = "留言主题", "留言详情", "一级分类"
HELD_FRACTION = 0.25
SEED = 0

# Category → responsible department (the 7 classes of labelled_dev.csv, plus a fallback).
AGENCY_BY_CATEGORY = {
    "城乡建设": "住房和城乡建设局",
    "环境保护": "生态环境局",
    "交通运输": "交通运输局",
    "教育文体": "教育局",
    "劳动和社会保障": "人力资源和社会保障局",
    "商贸旅游": "商务局",
    "卫生计生": "卫生健康委员会",
}
DEFAULT_AGENCY = "政府办公室"

_SPACE_RE = re.compile(r"\s+")


class ModelError(Exception):
    """The shipped model is missing or was built with another scikit-learn version."""


def default_data_dir() -> Path:
    return Path(settings.BASE_DIR).parent / "shared" / "data" / "taidi2020"


def message_text(subject: str, body: str) -> str:
    """The text that is classified: the subject twice (it is short and to the point) + body."""
    subject = _SPACE_RE.sub(" ", subject or "").strip()
    body = _SPACE_RE.sub(" ", body or "").strip()
    return f"{subject} {subject} {body}"


def word_tokens(text: str) -> list[str]:
    """Analyzer of the word TF-IDF (module-level so that the model pickles by reference)."""
    return segment.words(text)


def build_pipeline() -> "Pipeline":
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(analyzer=word_tokens, sublinear_tf=True, min_df=1)),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=2
                ),
            ),
        ]
    )
    model = LogisticRegression(C=20.0, max_iter=2000, class_weight="balanced")
    return Pipeline([("features", features), ("model", model)])


def read_labelled(data_dir: Path) -> tuple[list[str], list[str]]:
    with open(Path(data_dir) / LABELLED_FILE, encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if (r.get(CATEGORY) or "").strip()]
    texts = [message_text(r[SUBJECT], r[BODY]) for r in rows]
    return texts, [r[CATEGORY].strip() for r in rows]


def held_split(texts: list[str], labels: list[str]):
    """(train_x, held_x, train_y, held_y): stratified, fixed seed."""
    from sklearn.model_selection import train_test_split

    return train_test_split(
        texts, labels, test_size=HELD_FRACTION, stratify=labels, random_state=SEED
    )


def macro_f1(pipeline: "Pipeline", texts: list[str], labels: list[str]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(labels, pipeline.predict(texts), average="macro"))


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@dataclass
class TrainResult:
    macro_f1: float
    n_train: int
    n_held: int
    seconds: float
    model_bytes: int


def train(data_dir: Path, *, out_dir: Path = MODEL_DIR, limit: int | None = None) -> TrainResult:
    """Evaluate on the held split, refit on all labelled rows, write the model and its JSON."""
    import joblib
    import sklearn

    started = time.monotonic()
    texts, labels = read_labelled(data_dir)
    if limit:
        texts, labels = texts[:limit], labels[:limit]
    train_x, held_x, train_y, held_y = held_split(texts, labels)
    score = macro_f1(build_pipeline().fit(train_x, train_y), held_x, held_y)
    final = build_pipeline().fit(texts, labels)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model_path = out_dir / MODEL_PATH.name
    joblib.dump({"sklearn": sklearn.__version__, "pipeline": final}, model_path, compress=3)
    seconds = time.monotonic() - started
    meta = {
        "macro_f1_held": round(score, 4),
        "held_fraction": HELD_FRACTION,
        "seed": SEED,
        "n_train": len(train_x),
        "n_held": len(held_x),
        "n_total": len(texts),
        "classes": sorted(set(labels)),
        "data_sha256": file_digest(Path(data_dir) / LABELLED_FILE),
        "sklearn_version": sklearn.__version__,
        "segment_version": segment.SEGMENT_VERSION,
    }
    (out_dir / METRICS_PATH.name).write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    load_model.cache_clear()
    return TrainResult(score, len(train_x), len(held_x), seconds, model_path.stat().st_size)


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> "Pipeline":
    import joblib
    import sklearn

    path = Path(path)
    if not path.exists():
        raise ModelError(
            _("留言分类模型不存在：%(path)s。请运行 python manage.py train_message_classifier。")
            % {"path": path}
        )
    bundle = joblib.load(path)
    if bundle.get("sklearn") != sklearn.__version__:
        raise ModelError(
            _(
                "留言分类模型由 scikit-learn %(built)s 训练，当前为 %(now)s，"
                "请重新运行 python manage.py train_message_classifier。"
            )
            % {"built": bundle.get("sklearn"), "now": sklearn.__version__}
        )
    return bundle["pipeline"]


def suggest_agency(category: str) -> str:
    return AGENCY_BY_CATEGORY.get(category, DEFAULT_AGENCY)


def predict_categories(
    pairs: list[tuple[str, str]], *, model_path: Path = MODEL_PATH
) -> list[tuple[str, float]]:
    """[(label, probability)] for [(subject, body)]."""
    if not pairs:
        return []
    pipeline = load_model(Path(model_path))
    probas = pipeline.predict_proba([message_text(s, b) for s, b in pairs])
    classes = pipeline.classes_
    return [(str(classes[p.argmax()]), float(p.max())) for p in probas]


def predict_category(
    subject: str, body: str, *, model_path: Path = MODEL_PATH
) -> tuple[str, float]:
    """The first-level category of a message and the model's probability for it."""
    return predict_categories([(subject, body)], model_path=model_path)[0]
