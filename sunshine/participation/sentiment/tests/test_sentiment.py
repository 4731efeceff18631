import json

import pytest
from django.core.management import call_command

from sunshine.participation.sentiment import label_for, model_io, score_texts
from sunshine.participation.sentiment.model_io import SentimentModelError, load_model

HAS_DATA = all((model_io.default_data_dir() / name).exists() for name in model_io.CORPORA)


def test_shipped_model_reads_clear_praise_and_complaints():
    praise = ["办事效率很高，工作人员态度很好，点赞", "这个政策很好，支持"]
    complaints = ["投诉多次一直没人处理，太差了", "小区噪音严重，严重影响休息，态度恶劣"]
    scores = score_texts(praise + complaints)
    assert [label_for(s) for s in scores] == ["positive", "positive", "negative", "negative"]


def test_empty_texts_are_neutral_and_order_is_kept():
    scores = score_texts(["", "服务非常好", "   "])
    assert scores[0] == scores[2] == 0.5
    assert scores[1] > 0.6
    assert score_texts([]) == []


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (0.0, "negative"),
        (0.399, "negative"),
        (0.4, "neutral"),
        (0.6, "neutral"),
        (0.61, "positive"),
    ],
)
def test_label_bounds(score, label):
    assert label_for(score) == label


def test_a_model_of_another_sklearn_version_is_refused(tmp_path):
    import joblib

    path = tmp_path / "old.joblib"
    joblib.dump({"sklearn": "0.1", "pipeline": None}, path)
    with pytest.raises(SentimentModelError):
        load_model(path)
    with pytest.raises(SentimentModelError):
        load_model(tmp_path / "missing.joblib")


def test_shipped_metrics_report_a_held_split():
    meta = json.loads(model_io.METRICS_PATH.read_text(encoding="utf-8"))
    assert meta["n_held"] > 3000
    assert meta["accuracy_held"] > 0.85
    assert set(meta["accuracy_held_per_corpus"]) == set(model_io.CORPORA)


@pytest.mark.skipif(not HAS_DATA, reason="../shared/data/sentiment-zh absent (CI has it)")
def test_train_command_writes_a_model_that_scores_its_held_split(tmp_path):
    call_command("train_sentiment", "--limit", "3000", "--out", str(tmp_path))
    meta = json.loads((tmp_path / model_io.METRICS_PATH.name).read_text(encoding="utf-8"))
    assert meta["n_held"] + meta["n_train"] <= 3100
    assert meta["accuracy_held"] > 0.75
    scores = score_texts(["服务很好"], model_path=tmp_path / model_io.MODEL_PATH.name)
    assert 0.0 <= scores[0] <= 1.0
