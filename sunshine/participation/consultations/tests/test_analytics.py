import datetime as dt

import pytest

from sunshine.kernel import clock
from sunshine.testing.factories.consultations import comment, make_consultation

from .. import comment_services as cs
from ..analytics import consultation_stats, top_terms

pytestmark = pytest.mark.django_db
START = dt.date(2026, 11, 2)


def test_numbers(transport, approver):
    with clock.frozen(START):
        c = make_consultation(transport)
        comment(
            c, body="建议加快新能源汽车充电设施建设，方便车主。", clause=c.clauses.get(position=2)
        )
        comment(
            c, body="新能源汽车充电难，收费也太高了，很不满意。", clause=c.clauses.get(position=2)
        )
    with clock.frozen(dt.datetime(2026, 11, 3, 23, 30)):  # local day boundary: still the 3rd
        hidden = comment(c, body="充电充电充电设施")
        comment(c, body="支持出台本办法，非常好，感谢！")
        cs.hide_comment(comment=hidden, actor=approver, reason="无实质内容")
    stats = consultation_stats(c)
    assert stats.total == 3
    assert stats.per_clause[0] == ("对全文的意见", 1)
    assert ("第二条", 2) in stats.per_clause and ("第一条", 0) in stats.per_clause
    assert stats.per_day == [(START, 2), (dt.date(2026, 11, 3), 1)]
    terms = dict(stats.top_terms)
    assert terms["新能源"] == 2 and terms["充电"] == 2
    assert "建议" not in terms and "的" not in terms
    s = stats.sentiment
    assert s["positive"] + s["neutral"] + s["negative"] == 3
    assert 0 <= s["average"] <= 1
    from sunshine.participation.sentiment import label_for, score_texts

    bodies = [x.body for x in c.comments.filter(state="visible")]
    labels = [label_for(score) for score in score_texts(bodies)]
    assert s == {
        "positive": labels.count("positive"),
        "neutral": labels.count("neutral"),
        "negative": labels.count("negative"),
        "average": pytest.approx(sum(score_texts(bodies)) / 3),
    }
    staff = consultation_stats(c, public=False)
    assert staff.total == 4


def test_top_terms_counts_once_per_comment():
    assert top_terms(["充电 充电 充电", "收费标准 充电"], limit=5)[0] == ("充电", 2)
    assert dict(top_terms(["充电 充电 充电"]))["充电"] == 1


def test_stats_cache_follows_new_and_moderated_comments(transport, approver):
    with clock.frozen(START):
        c = make_consultation(transport)
        x = comment(c, body="建议一：完善充电设施。")
        assert consultation_stats(c).total == 1
        comment(c, body="建议二：规范收费标准。")
        assert consultation_stats(c).total == 2
    with clock.frozen(dt.datetime(2026, 11, 2, 12, 0)):
        cs.hide_comment(comment=x, actor=approver, reason="重复")
    assert consultation_stats(c).total == 1
