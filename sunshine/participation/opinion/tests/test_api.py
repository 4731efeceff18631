"""/api/v1/opinion: the public responses (never items, sentiment or clocks) and the staff
endpoints with a token, through the same services as the workbench."""

import datetime as dt

import pytest

from sunshine.kernel import clock
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.participation.opinion.models import OpinionEvent, OpinionItem
from sunshine.testing.factories.opinion import T0, event, respond

pytestmark = pytest.mark.django_db
API = "/api/v1/opinion"
H = dt.timedelta(hours=1)


def auth(user) -> dict:
    _token, key = issue_api_token(actor=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_public_responses_only_published(client, opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
        shown = respond(opinion_people, e)
        respond(opinion_people, e, kind="response", text="内部口径，暂不公开", publish=False)
    body = client.get(f"{API}/responses").json()
    assert body["count"] == 1
    (only,) = body["items"]
    assert only["id"] == shown.pk and only["event_title"] == e.title
    assert only["agency_name"] == opinion_people["agency"].name
    assert only["kind_label"] == "权威信息"
    assert only["responded_at"].endswith("+08:00")
    assert only["url"] == f"/hygz/{e.pk}/#r{shown.pk}"
    assert "sentiment" not in str(body) and "clock" not in str(body)
    assert (
        client.get(f"{API}/responses?agency={opinion_people['other_agency'].pk}").json()["count"]
        == 0
    )


def test_staff_endpoints_need_a_token(client, opinion_people):
    assert client.get(f"{API}/events").status_code == 401


def test_staff_create_respond_and_detail(client, opinion_people):
    headers = auth(opinion_people["reviewer"])
    with clock.frozen(T0 + H):
        created = client.post(
            f"{API}/events",
            {
                "title": "暴雨致道路塌陷",
                "involved_agency_id": opinion_people["agency"].pk,
                "level": "major_emergency",
                "source": "weibo",
                "first_seen_at": T0.isoformat(),
            },
            content_type="application/json",
            **headers,
        )
        assert created.status_code == 201, created.content
        event_id = created.json()["id"]
        assert {c["rule"] for c in created.json()["open_clocks"]} == {
            "opinion.major_first_response",
            "opinion.press_conference",
        }
        reply = {"kind": "authoritative_information", "channel": "website", "text": "已封闭抢修。"}
        first = client.post(
            f"{API}/events/{event_id}/responses", reply, content_type="application/json", **headers
        )
        # a major emergency's first response needs its 研判 first
        assert first.status_code == 409 and first.json()["missing"] == ["analysis"]
        assert "研判" in first.json()["detail"]
        analysed = client.post(
            f"{API}/events/{event_id}/analyses",
            {
                "level": "major_emergency",
                "trend": "rising",
                "concerns": "有无人员伤亡、绕行安排",
                "method": "authoritative_information",
                "talking_points": "无人员伤亡，已封闭抢修",
            },
            content_type="application/json",
            **headers,
        )
        assert analysed.status_code == 201 and analysed.json()["level_changed"] is False
        answered = client.post(
            f"{API}/events/{event_id}/responses", reply, content_type="application/json", **headers
        )
        assert answered.status_code == 201 and answered.json()["on_time"] is True
        captured = client.post(
            f"{API}/events/{event_id}/items",
            {"items": [{"text": "处理很及时，点赞，辛苦了", "captured_at": T0.isoformat()}]},
            content_type="application/json",
            **headers,
        )
        assert captured.json() == {"created": 1, "skipped": 0}
    detail = client.get(f"{API}/events/{event_id}", **headers).json()
    assert [c["rule"] for c in detail["open_clocks"]] == ["opinion.press_conference"]
    assert len(detail["clocks"]) == 2 and len(detail["responses"]) == 1
    assert {row["label"]: row["count"] for row in detail["sentiment"]}["positive"] == 1
    assert OpinionItem.objects.get().sentiment_label == "positive"
    listed = client.get(f"{API}/events?level=major_emergency", **headers).json()
    assert [e["id"] for e in listed["items"]] == [event_id]


def test_staff_refusals(client, opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
    other = auth(opinion_people["other_reviewer"])
    assert client.get(f"{API}/events/{e.pk}", **other).status_code == 404
    assert client.get(f"{API}/events", **other).json()["count"] == 0
    mine = auth(opinion_people["drafter"])
    refused = client.post(
        f"{API}/events/{e.pk}/responses",
        {"kind": "response", "channel": "website", "text": "x"},
        content_type="application/json",
        **mine,
    )
    assert refused.status_code == 403
    invalid = client.post(
        f"{API}/events/{e.pk}/level",
        {"level": "hot_issue", "reason": ""},
        content_type="application/json",
        **auth(opinion_people["approver"]),
    )
    assert invalid.status_code == 422 and "reason" in invalid.json()["errors"]


def test_reassign_and_close(client, opinion_people):
    with clock.frozen(T0 + H):
        e = event(opinion_people)
    headers = auth(opinion_people["supervisor"])
    with clock.frozen(T0 + 2 * H):
        moved = client.post(
            f"{API}/events/{e.pk}/reassign",
            {"agency_id": opinion_people["other_agency"].pk, "reason": "属市政道路"},
            content_type="application/json",
            **headers,
        )
        assert moved.status_code == 200
        assert moved.json()["responsible_agency_id"] == opinion_people["other_agency"].pk
        closed = client.post(
            f"{API}/events/{e.pk}/close",
            {"evaluation_score": 2, "evaluation_text": "回应迟缓"},
            content_type="application/json",
            **headers,
        )
    assert closed.json()["evaluation_score"] == 2 and closed.json()["open_clocks"] == []
    assert OpinionEvent.objects.get().state == "closed"
