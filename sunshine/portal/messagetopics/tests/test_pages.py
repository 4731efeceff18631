"""Public pages: 留言热点 (/hdjl/rd/), one topic, 留言统计 (/hdjl/tj/); the API."""

import datetime as dt

import pytest

from sunshine.kernel import clock
from sunshine.participation.messagetopics import grouping
from sunshine.participation.messagetopics.factories import MessageGroupFactory
from sunshine.testing.factories.messagetopics import at, make_message

pytestmark = pytest.mark.django_db
NOW = at(2026, 9, 30, 9)


SECRET_LABEL = "秘密 · 关键词"  # staff-only terms: never on the public pages


@pytest.fixture
def topics(province):
    groups = []
    for i in range(12):
        published = [
            make_message(
                subject=f"原始主题{i}-{k}",
                public_subject=f"公开主题{i}-{k}",
                is_published=True,
                category="交通运输",
                agency=province["transport"],
                submitted_at=NOW - dt.timedelta(days=i),
                votes_up=1,
            )
            for k in range(3)
        ]
        hidden = make_message(
            subject=f"未公开{i}",
            submitted_at=NOW - dt.timedelta(days=i),
            agency=province["transport"],
        )
        groups.append(MessageGroupFactory(messages=[*published, hidden], label=SECRET_LABEL))
    with clock.frozen(NOW):
        grouping.refresh_hot_scores()
    return groups


def test_hot_page_lists_public_titles_not_terms(client, topics, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/hdjl/rd/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "公开主题0-" in text and "原始主题" not in text and "秘密" not in text
    assert text.index("公开主题0-") < text.index("公开主题5-")  # hotter (newer) first
    assert "4 条留言" in text


def test_topic_page_shows_published_messages_only(client, topics, django_assert_max_num_queries):
    group = topics[0]
    with django_assert_max_num_queries(10):
        response = client.get(f"/hdjl/rd/{group.pk}/")
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count("公开主题0-") >= 3 and "未公开" not in text
    assert "/hdjl/ly/" in text  # links to the messages


def test_group_without_public_messages_is_404(client, province):
    group = MessageGroupFactory(messages=[make_message(), make_message()], label=SECRET_LABEL)
    grouping.refresh_hot_scores()
    assert client.get(f"/hdjl/rd/{group.pk}/").status_code == 404


def test_statistics_page(client, topics, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = client.get("/hdjl/tj/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "交通运输" in text and "48" in text  # 12 × 4 messages
    assert "<script" not in text.split("<main", 1)[1].split("</main>")[0]
    assert client.get("/hdjl/tj/?year=2026").status_code == 200
    assert client.get("/hdjl/tj/?year=abc").status_code == 200


def test_api_hot_topics_and_stats(client, topics):
    data = client.get("/api/v1/messagetopics/hot").json()
    assert len(data) == 12 and data[0]["title"].startswith("公开主题0-")
    assert data[0]["url"] == f"/hdjl/rd/{data[0]['id']}/"
    assert "label" not in data[0]
    detail = client.get(f"/api/v1/messagetopics/hot/{data[0]['id']}").json()
    assert len(detail["messages"]) == 3
    stats = client.get("/api/v1/messagetopics/stats").json()
    assert stats["totals"]["total"] == 48
    assert client.get("/api/v1/messagetopics/staff/stats").status_code == 401
