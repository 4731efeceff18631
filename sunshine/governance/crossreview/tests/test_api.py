"""/api/v1/crossreview (staff token only): rounds, start/publish (409 on the wrong state, 422
naming what is missing), results — all for the general office, a reviewed agency only its own."""

import pytest

from sunshine.governance.crossreview.models import ReviewRound
from sunshine.kernel import clock
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories.crossreview import (
    assign_pairs,
    at,
    make_people,
    make_round,
    worked_round,
)

API = "/api/v1/crossreview"


@pytest.fixture
def people(province):
    return make_people(province)


@pytest.fixture(autouse=True)
def autumn_2026():
    with clock.frozen(at(2026, 9, 21, 10)):
        yield


def bearer(user) -> dict:
    _token, key = issue_api_token(actor=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_staff_only(client, people):
    answer = client.get(API)
    assert answer.status_code == 401 and "detail" in answer.json()


def test_rounds_and_the_round_with_its_scheme_and_progress(client, people):
    round_ = make_round(people)
    assign_pairs(people, round_, [("education", "transport")])
    body = client.get(API, **bearer(people.supervisor)).json()
    assert body["count"] == 1 and body["items"][0]["state"] == "draft"
    detail = client.get(f"{API}/{round_.pk}", **bearer(people.supervisor)).json()
    assert len(detail["indicators"]) == 13
    assert detail["indicators"][0]["code"] == "proactive.catalog"
    assert detail["progress"] == {
        "total": 1, "submitted": 0, "draft": 0, "pending": 1, "withdrawn": 0, "percent": 0,
    }  # fmt: skip
    # A reviewer sees no draft round; once it runs, the round without the office's progress.
    education = bearer(people.officers["education"])
    assert client.get(API, **education).json()["count"] == 0
    missing = client.get(f"{API}/{round_.pk}", **education)
    assert missing.status_code == 404 and "权限范围" in missing.json()["detail"]
    started = client.post(f"{API}/{round_.pk}/start", **bearer(people.supervisor))
    assert started.status_code == 200 and started.json()["state"] == "reviewing"
    assert client.get(f"{API}/{round_.pk}", **education).json()["progress"] is None


def test_start_and_publish_refusals(client, people):
    round_ = make_round(people)
    office = bearer(people.supervisor)
    refused = client.post(f"{API}/{round_.pk}/start", **office)
    assert refused.status_code == 422 and "还没有分配" in str(refused.json())
    early = client.post(f"{API}/{round_.pk}/publish", **office)
    assert early.status_code == 409 and "草稿" in early.json()["detail"]
    assign_pairs(people, round_, [("education", "transport")])
    assert client.post(f"{API}/{round_.pk}/start", **office).status_code == 200
    assert client.post(f"{API}/{round_.pk}/start", **office).status_code == 409
    open_sheets = client.post(f"{API}/{round_.pk}/publish", **office)
    assert open_sheets.status_code == 422 and "1份评分表未提交" in str(open_sheets.json())
    reviewer = client.post(f"{API}/{round_.pk}/publish", **bearer(people.officers["education"]))
    assert reviewer.status_code == 403
    assert ReviewRound.objects.get().state == "reviewing"


def test_results_for_the_office_and_for_a_reviewed_agency(client, people):
    round_ = worked_round(people)
    office = client.get(f"{API}/{round_.pk}/results", **bearer(people.supervisor)).json()
    assert [(r["agency_name"], r["total"], r["rank"]) for r in office["items"]] == [
        ("广东省交通运输厅", "76.50", 1),
        ("广东省教育厅", "76.50", 1),
        ("广东省财政厅", "75.60", 3),
    ]
    transport_id = people.agencies["transport"].pk
    own = bearer(people.officers["transport"])
    mine = client.get(f"{API}/{round_.pk}/results", **own).json()
    assert mine["count"] == 1 and mine["items"][0]["agency_id"] == transport_id
    detail = client.get(f"{API}/{round_.pk}/results/{transport_id}", **own).json()
    assert detail["indicators"][0] == {
        "code": "a", "name": "基本目录", "group": "主动公开", "weight": "50.00",
        "max_score": "10.00", "average": "7.50", "points": "37.50",
        "comments": [
            {"reviewer": "评审单位一", "text": "目录更新及时。"},
            {"reviewer": "评审单位二", "text": "目录更新及时。"},
        ],
    }  # fmt: skip
    assert detail["reviewed_count"] == 3 and detail["reviewer_count"] == 2
    other = people.agencies["education"].pk
    assert client.get(f"{API}/{round_.pk}/results/{other}", **own).status_code == 404
    named = client.get(f"{API}/{round_.pk}/results/{transport_id}", **bearer(people.supervisor))
    assert named.json()["comments"][0]["reviewer"] == "广东省教育厅"
    # The city reviewed only: it sees the round but no result.
    city = bearer(people.officers["city"])
    assert client.get(f"{API}/{round_.pk}/results", **city).json()["count"] == 0
