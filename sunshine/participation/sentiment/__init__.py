"""情感分析: the sentiment of Chinese free text (comments, captured opinion items), offline.

    from sunshine.participation.sentiment import score_texts, label_for
    scores = score_texts(["服务很好", "一直没人管"])   # probability positive, 0..1
    label_for(scores[1])                               # "negative"

The model is trained by `manage.py train_sentiment` on sentiment-zh and ships in `model/`.
"""

from .model_io import label_for, score_texts

__all__ = ["label_for", "score_texts"]
