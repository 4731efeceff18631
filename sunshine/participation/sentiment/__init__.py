"""情感分析: the sentiment of Chinese free text (comments, captured opinion items), offline.

    from sunshine.participation.sentiment import score_texts, label_for
    scores = score_texts(["服务很好", "一直没人管"])   # probability positive, 0..1
    label_for(scores[1])                               # "negative"

The model is trained by `manage.py train_sentiment` on sentiment-zh and ships in `model/`.
"""

# The scikit-learn stack (≈ 3 s to import) loads on first use, not when Django starts: the app is
# installed, so this package is imported by every process (web, worker, each test worker).


def score_texts(texts: list[str], **kwargs) -> list[float]:
    from .model_io import score_texts as score

    return score(texts, **kwargs)


def label_for(score: float) -> str:
    from .model_io import label_for as label

    return label(score)


__all__ = ["label_for", "score_texts"]
