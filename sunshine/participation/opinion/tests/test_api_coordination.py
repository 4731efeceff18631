"""/api/v1/opinion: 研判 and 会商 for staff with a token — the convenor opens a 会商, an
invited agency lists and answers its own part (404 for any other), the joint response is
published (409 naming the missing 研判 first); the public API shows only that response."""

import datetime as dt

import pytest

from sunshine.kernel import clock
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.participation.opinion.models import CoordinationPart
from sunshine.testing.factories.opinion import T0, event, make_coordination_people

pytestmark = pytest.mark.django_db
API = "/api/v1/opinion"
H = dt.timedelta(hours=1)


@pytest.fixture
def people(province):
    return make_coordination_people(province)


def auth(user) -> dict:
    _token, key = issue_api_token(actor=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, url, data, headers):
    return client.post(url, data, content_type="application/json", **headers)


def test_coordination_through_the_api(client, people):
    convenor = auth(people["reviewer"])
    with clock.frozen(T0 + H):
        e = event(people)
        bad = post(
            client,
            f"{API}/events/{e.pk}/coordinations",
            {"topic": "塌陷原因", "invitations": [{"agency_id": 999999, "question": "?"}]},
            convenor,
        )
        assert bad.status_code == 422 and "invitations.0.agency_id" in bad.json()["errors"]
        opened = post(
            client,
            f"{API}/events/{e.pk}/coordinations",
            {
                "topic": "塌陷原因",
                "brief": "请按职责答复",
                "invitations": [
                    {"agency_id": people["housing"].pk, "question": "管线排查情况？"},
                    {"agency_id": people["water"].pk, "question": "当日降雨量？"},
                ],
            },
            convenor,
        )
    assert opened.status_code == 201, opened.content
    body = opened.json()
    assert body["hours"] == 4 and body["state"] == "open"
    assert [p["clock"]["due_at"] for p in body["parts"]] == ["2026-07-01T13:00:00+08:00"] * 2
    cid = body["id"]
    housing = CoordinationPart.objects.get(agency=people["housing"])
    water = CoordinationPart.objects.get(agency=people["water"])

    them = auth(people["housing_reviewer"])
    with clock.frozen(T0 + 2 * H):
        listed = client.get(f"{API}/coordination-parts", **them).json()
        assert [p["id"] for p in listed["items"]] == [housing.pk]
        assert listed["items"][0]["urgency"] == "on_time"
        mine = client.get(f"{API}/coordination-parts/{housing.pk}", **them).json()
        assert mine["question"] == "管线排查情况？" and mine["topic"] == "塌陷原因"
        assert "当日降雨量" not in str(mine)
        assert client.get(f"{API}/coordination-parts/{water.pk}", **them).status_code == 404
        assert client.get(f"{API}/coordinations/{cid}", **them).status_code == 404
        assert client.get(f"{API}/events/{e.pk}/coordinations", **them).status_code == 404
        refused = post(
            client, f"{API}/coordination-parts/{water.pk}/answer", {"answer": "代答"}, them
        )
        assert refused.status_code == 404
        answered = post(
            client,
            f"{API}/coordination-parts/{housing.pk}/answer",
            {"answer": "管线上月已排查。"},
            them,
        )
        assert answered.status_code == 200 and answered.json()["state"] == "answered"
        assert answered.json()["clock"]["met_deadline"] is True
        again = post(
            client, f"{API}/coordination-parts/{housing.pk}/answer", {"answer": "再答"}, them
        )
        assert again.status_code == 422
    stranger = auth(people["other_reviewer"])
    assert client.get(f"{API}/coordination-parts", **stranger).json()["count"] == 0
    assert client.get(f"{API}/coordination-parts/{housing.pk}", **stranger).status_code == 404
    assert client.get(f"{API}/coordinations/{cid}", **stranger).status_code == 404

    with clock.frozen(T0 + 3 * H):
        detail = client.get(f"{API}/coordinations/{cid}", **convenor).json()
        assert [p["state"] for p in detail["parts"]] == ["answered", "pending"]
        concluded = post(
            client,
            f"{API}/coordinations/{cid}/conclude",
            {"joint_response": "经会商：无人员伤亡，管线无隐患。"},
            convenor,
        )
        assert concluded.json()["state"] == "concluded"
        assert [p["state"] for p in concluded.json()["parts"]] == ["answered", "lapsed"]
        publish = {"kind": "authoritative_information", "channel": "website"}
        first = post(client, f"{API}/coordinations/{cid}/publish", publish, convenor)
        assert first.status_code == 409 and first.json()["missing"] == ["analysis"]
        analysed = post(
            client,
            f"{API}/events/{e.pk}/analyses",
            {
                "level": "major_emergency",
                "trend": "stable",
                "concerns": "原因与伤亡",
                "method": "joint_response",
                "coordination_id": cid,
            },
            convenor,
        )
        assert analysed.status_code == 201 and analysed.json()["coordination_id"] == cid
        published = post(client, f"{API}/coordinations/{cid}/publish", publish, convenor)
        assert published.status_code == 201 and published.json()["on_time"] is True
    history = client.get(f"{API}/events/{e.pk}/analyses", **convenor).json()
    assert [a["trend"] for a in history] == ["stable"]
    summary = client.get(f"{API}/events/{e.pk}/coordinations", **convenor).json()
    assert summary[0]["state"] == "published"
    assert summary[0]["response_id"] == published.json()["id"]
    public = client.get(f"{API}/responses").json()
    assert [r["text"] for r in public["items"]] == ["经会商：无人员伤亡，管线无隐患。"]
    assert "管线上月已排查" not in str(public)


def test_analysis_endpoint_refusals(client, people):
    with clock.frozen(T0 + H):
        e = event(people, level="hot_issue")
    officer = auth(people["officer"])
    changed = {
        "level": "major_emergency",
        "level_reason": "升级",
        "trend": "rising",
        "concerns": "关注度上升",
        "method": "press_conference",
    }
    with clock.frozen(T0 + 2 * H):
        assert post(client, f"{API}/events/{e.pk}/analyses", changed, officer).status_code == 403
        invalid = post(client, f"{API}/events/{e.pk}/analyses", {**changed, "trend": "up"}, officer)
        assert invalid.status_code == 422 and "trend" in invalid.json()["errors"]
        assert client.get(f"{API}/events/{e.pk}", **officer).json()["analysis_missing"] is True
    assert client.post(f"{API}/events/{e.pk}/analyses", {}).status_code == 401
