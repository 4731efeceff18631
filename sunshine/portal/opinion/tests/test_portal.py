"""回应关切 (/hygz/): published responses with their agency and time, never the captured
items, their sentiment or unpublished responses; the 新闻发布 column; the sitemap."""

import datetime as dt

import pytest
from django.test import RequestFactory

from sunshine.kernel import clock
from sunshine.participation.opinion import services
from sunshine.portal.columns import has_provider
from sunshine.portal.opinion.providers import latest_responses
from sunshine.testing.factories.opinion import T0, event, respond

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)
SECRET_POST = "内部采集的帖子内容不应出现在门户"


def _event_with_everything(opinion_people, **fields):
    with clock.frozen(T0 + H):
        e = event(opinion_people, **fields)
        services.capture_items(
            event=e,
            actor=opinion_people["drafter"],
            items=[{"text": SECRET_POST, "source": "weibo", "captured_at": T0}],
        )
        shown = respond(opinion_people, e)
        hidden = respond(opinion_people, e, kind="response", text="暂不公开的口径", publish=False)
    return e, shown, hidden


def test_list_shows_published_responses_only(client, opinion_people):
    e, shown, _hidden = _event_with_everything(opinion_people)
    html = client.get("/hygz/").content.decode()
    assert e.title in html and opinion_people["agency"].name in html
    assert "权威信息" in html and shown.text[:20] in html
    assert "暂不公开的口径" not in html
    assert SECRET_POST not in html and "负面" not in html and "情感" not in html
    assert "2026-07-01 09:00" in html  # responded at T0 + 1 h, Asia/Shanghai
    detail = client.get(f"/hygz/{e.pk}/").content.decode()
    assert shown.text[:20] in detail and "暂不公开的口径" not in detail
    assert SECRET_POST not in detail and e.summary not in detail
    assert 'name="ArticleTitle"' in detail
    assert "会商联合回应" not in detail  # not a 会商's joint response


def test_event_without_published_response_is_not_found(client, opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        respond(opinion_people, e, publish=False)
    assert client.get(f"/hygz/{e.pk}/").status_code == 404
    assert client.get("/hygz/999999/").status_code == 404


def test_list_query_count_does_not_grow(client, opinion_people, django_assert_max_num_queries):
    for n in range(12):
        _event_with_everything(opinion_people, title=f"舆情事件{n}")
    with django_assert_max_num_queries(8):
        response = client.get("/hygz/?page=1")
    assert response.status_code == 200
    assert response.content.decode().count('class="op-list-title"') == 12


def test_news_column_and_sitemap(client, opinion_people):
    e, shown, _hidden = _event_with_everything(opinion_people)
    request = RequestFactory().get("/")
    assert has_provider("xwfb")
    items = latest_responses(request, 8)
    ours = [i for i in items if i.url == f"/hygz/{e.pk}/#r{shown.pk}"]
    assert ours and ours[0].title == f"{e.title}：权威信息"
    with clock.frozen(T0 + H):
        unpublished = event(opinion_people, title="只有未公开回应的事件")
        respond(opinion_people, unpublished, publish=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/hygz/{e.pk}/</loc>" in sitemap  # read through the page the crawlers read
    assert f"/hygz/{unpublished.pk}/" not in sitemap
