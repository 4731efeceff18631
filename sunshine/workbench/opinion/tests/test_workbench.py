"""The workbench pages of 政务舆情: the list with deadline colours (scoped; supervisors see
all), registering an event, the event page with items and the sentiment summary, and its
forms (refused input is shown again with the text kept)."""

import datetime as dt

import pytest

from sunshine.kernel import clock
from sunshine.kernel.deadlines.sweep import sweep_open_clocks
from sunshine.participation.opinion import services
from sunshine.participation.opinion.models import OpinionEvent, OpinionResponse
from sunshine.testing.factories.opinion import T0, analyse, event, respond
from sunshine.workbench.opinion.registry import events_to_answer

pytestmark = pytest.mark.django_db
H = dt.timedelta(hours=1)


def test_list_shows_clocks_in_colours_and_is_scoped(
    client, opinion_people, django_assert_max_num_queries
):
    with clock.frozen(T0 + H):
        for n in range(8):
            event(opinion_people, title=f"舆情事件{n}")
        theirs = event(
            opinion_people,
            title="广州市的事件",
            involved_agency=opinion_people["other_agency"],
            actor=opinion_people["other_reviewer"],
        )
    with clock.frozen(T0 + 6 * H):
        sweep_open_clocks()
        client.force_login(opinion_people["reviewer"])
        with django_assert_max_num_queries(14):
            html = client.get("/workbench/opinion/").content.decode()
    assert html.count("badge-overdue") == 8  # the 5 h clocks
    assert "重大舆情首次发布：已逾期" in html
    assert theirs.title not in html
    client.force_login(opinion_people["supervisor"])
    html = client.get("/workbench/opinion/?overdue=1").content.decode()
    assert theirs.title in html and "舆情事件0" in html
    client.force_login(opinion_people["other_reviewer"])
    assert "舆情事件0" not in client.get("/workbench/opinion/").content.decode()


def test_create_event_keeps_text_when_refused(client, opinion_people):
    client.force_login(opinion_people["drafter"])
    data = {
        "title": "<b>暴雨</b>致道路塌陷",
        "involved_agency": opinion_people["agency"].pk,
        "level": "major_emergency",
        "source": "weibo",
        "first_seen_at": "2026-07-01T08:00",
        "summary": "网民发布视频称路面塌陷",
    }
    with clock.frozen(T0 + H):
        refused = client.post("/workbench/opinion/new/", data)
    html = refused.content.decode()
    assert refused.status_code == 200 and "网页代码" in html
    assert "网民发布视频称路面塌陷" in html and "&lt;b&gt;暴雨&lt;/b&gt;致道路塌陷" in html
    data["title"] = "暴雨致道路塌陷"
    with clock.frozen(T0 + H):
        done = client.post("/workbench/opinion/new/", data)
    e = OpinionEvent.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/workbench/opinion/{e.pk}/"
    assert e.first_seen_at == T0 and e.responsible_agency == opinion_people["agency"]


def test_detail_shows_items_sentiment_and_forms(client, opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        services.capture_items(
            event=e,
            actor=opinion_people["drafter"],
            items=[
                {
                    "text": "塌了几天也没人管，太失望了，投诉也没用",
                    "source": "weibo",
                    "captured_at": T0,
                },
                {"text": "抢修很及时，点赞，辛苦了", "source": "wechat", "captured_at": T0},
            ],
        )
        respond(opinion_people, e)
    client.force_login(opinion_people["reviewer"])
    html = client.get(f"/workbench/opinion/{e.pk}/").content.decode()
    assert "<svg" in html and "负面 1，中性 0，正面 1" in html
    assert "50%" in html and "投诉也没用" in html
    assert "登记回应" in html and "变更责任单位" not in html  # only the general office
    assert "按时" in html
    negative_only = client.get(f"/workbench/opinion/{e.pk}/?sentiment=negative").content.decode()
    assert "投诉也没用" in negative_only and "抢修很及时" not in negative_only
    client.force_login(opinion_people["supervisor"])
    assert "变更责任单位" in client.get(f"/workbench/opinion/{e.pk}/").content.decode()
    client.force_login(opinion_people["other_reviewer"])
    assert client.get(f"/workbench/opinion/{e.pk}/").status_code == 404


def test_respond_form_and_refusal(client, opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        analyse(e, actor=opinion_people["reviewer"])  # the 研判 a first response needs
    client.force_login(opinion_people["reviewer"])
    with clock.frozen(T0 + 2 * H):
        refused = client.post(
            f"/workbench/opinion/{e.pk}/respond/",
            {
                "resp-kind": "press_conference",
                "resp-channel": "press_conference",
                "resp-text": "发布会实录<script>x</script>",
                "resp-publish": "on",
            },
        )
        assert refused.status_code == 400
        html = refused.content.decode()
        assert "网页代码" in html and "发布会实录&lt;script&gt;" in html
        done = client.post(
            f"/workbench/opinion/{e.pk}/respond/",
            {
                "resp-kind": "press_conference",
                "resp-channel": "press_conference",
                "resp-text": "今天下午召开新闻发布会，通报塌陷原因。",
                "resp-publish": "on",
                "resp-responded_at": "2026-07-01T09:30",
            },
        )
    assert done.status_code == 302
    response = OpinionResponse.objects.get()
    assert response.is_published and response.on_time is True
    assert response.responded_at == T0 + 1.5 * H


def test_level_reassign_and_close_forms(client, opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people, level="hot_issue")
    client.force_login(opinion_people["supervisor"])
    with clock.frozen(T0 + 2 * H):
        assert (
            client.post(
                f"/workbench/opinion/{e.pk}/level/",
                {"level-level": "major_emergency", "level-reason": ""},
            ).status_code
            == 400
        )
        assert (
            client.post(
                f"/workbench/opinion/{e.pk}/level/",
                {"level-level": "major_emergency", "level-reason": "出现伤亡"},
            ).status_code
            == 302
        )
        assert (
            client.post(
                f"/workbench/opinion/{e.pk}/reassign/",
                {
                    "reassign-agency": opinion_people["other_agency"].pk,
                    "reassign-reason": "属市政道路",
                },
            ).status_code
            == 302
        )
        client.force_login(opinion_people["approver"])  # involved, sees it; no longer responsible
        refused = client.post(
            f"/workbench/opinion/{e.pk}/close/",
            {"close-evaluation_score": 4, "close-evaluation_text": "好"},
        )
        assert refused.status_code == 400 and "没有权限" in refused.content.decode()
        client.force_login(opinion_people["supervisor"])
        assert (
            client.post(
                f"/workbench/opinion/{e.pk}/close/",
                {"close-evaluation_score": 4, "close-evaluation_text": "较好"},
            ).status_code
            == 302
        )
    e.refresh_from_db()
    assert (e.level, e.responsible_agency, e.state) == (
        "major_emergency",
        opinion_people["other_agency"],
        "closed",
    )


def test_queue_lists_events_waiting_for_a_response(opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
    items = events_to_answer(opinion_people["reviewer"], 20)
    ours = [i for i in items if i.url == f"/workbench/opinion/{e.pk}/"]
    assert ours and ours[0].due == T0 + 5 * H and "重大舆情首次发布" in ours[0].label
    assert not [
        i for i in events_to_answer(opinion_people["other_reviewer"], 20) if i.title == e.title
    ]
