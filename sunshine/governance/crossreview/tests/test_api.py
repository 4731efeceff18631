"""/api/v1/crossreview (staff token only): rounds, start/publish (409 on the wrong state, 422
naming what is missing), results — all for the general office, a reviewed agency only its own."""

import pytest

from sunshine.governance.crossreview.models import ReviewRound
from sunshine.kernel import clock
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories.crossreview import (
    SMALL_SCHEME,
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


def test_the_whole_round_through_the_api(client, people):
    """The general office creates a round, sets the scheme and participants, assigns (rotating,
    then one by hand, withdrawn again), starts; each reviewer fills their own sheet; the office
    returns one and withdraws none; publication — with the refusals on the way."""
    office = bearer(people.supervisor)
    ids = {k: a.pk for k, a in people.agencies.items()}
    body = {"agency_id": people.government.pk, "year": 2026, "name": "接口互评"}
    assert client.post(API, body, "application/json", **bearer(people.drafters["transport"])).status_code == 403  # fmt: skip
    bad = client.post(API, {**body, "year": 1999}, "application/json", **office)
    assert bad.status_code == 422 and "year" in bad.json()["errors"]
    nowhere = client.post(API, {**body, "agency_id": 10**9}, "application/json", **office)
    assert nowhere.status_code == 422 and "agency_id" in nowhere.json()["errors"]
    created = client.post(API, body, "application/json", **office)
    assert created.status_code == 201
    round_id = created.json()["id"]
    assert len(created.json()["indicators"]) == 13 and created.json()["participants"] == []
    here = f"{API}/{round_id}"

    rows = [dict(r) for r in SMALL_SCHEME]
    refused = client.put(
        f"{here}/indicators",
        {"indicators": [{**rows[0], "weight": "150"}, *rows[1:]]},
        "application/json",
        **office,
    )
    assert refused.status_code == 422 and "weight_0" in refused.json()["errors"]
    scheme = client.put(f"{here}/indicators", {"indicators": rows}, "application/json", **office)
    assert [(i["code"], i["weight"]) for i in scheme.json()["indicators"]] == [
        ("a", "50.00"), ("b", "30.00"), ("c", "20.00"),
    ]  # fmt: skip
    three = [ids["transport"], ids["education"], ids["finance"]]
    outside = client.put(
        f"{here}/participants", {"agency_ids": [*three, 10**9]}, "application/json", **office
    )
    assert outside.status_code == 422 and "agency_ids" in outside.json()["errors"]
    set_ = client.put(f"{here}/participants", {"agency_ids": three}, "application/json", **office)
    assert sorted(p["id"] for p in set_.json()["participants"]) == sorted(three)

    def pairs(answer):
        return sorted((a["reviewer_agency_id"], a["reviewed_agency_id"]) for a in answer["items"])

    drawn = client.post(
        f"{here}/auto-assign", {"per_agency": 1, "announced_number": "20260921"},
        "application/json", **office,
    ).json()  # fmt: skip
    assert len(drawn["items"]) == 3 and len(drawn["assignment_seed"]) == 64
    assert all(r != d for r, d in pairs(drawn))
    assert sorted(r for r, _d in pairs(drawn)) == sorted(d for _r, d in pairs(drawn)) == sorted(three)  # fmt: skip
    again = client.post(
        f"{here}/auto-assign", {"per_agency": 1, "announced_number": "20260921"},
        "application/json", **office,
    ).json()  # fmt: skip
    assert pairs(again) == pairs(drawn) and again["assignment_seed"] == drawn["assignment_seed"]
    self_review = client.post(
        f"{here}/assignments",
        {"reviewed_agency_id": ids["city"], "reviewer_agency_id": ids["city"]},
        "application/json",
        **office,
    )
    assert self_review.status_code == 422 and "reviewer_agency" in self_review.json()["errors"]
    by_hand = client.post(
        f"{here}/assignments",
        {"reviewed_agency_id": ids["transport"], "reviewer_agency_id": ids["city"]},
        "application/json",
        **office,
    )
    assert by_hand.status_code == 201 and by_hand.json()["state"] == "pending"
    gone = client.post(
        f"{here}/assignments/{by_hand.json()['id']}/withdraw", {}, "application/json", **office
    )
    assert gone.status_code == 204
    assert len(client.get(f"{here}/assignments", **office).json()["items"]) == 3
    reviewer_view = client.get(f"{here}/assignments", **bearer(people.officers["transport"]))
    assert reviewer_view.status_code == 404  # a draft round is not the reviewer's yet

    assert client.post(f"{here}/start", **office).json()["state"] == "reviewing"
    listed = client.get(f"{here}/assignments", **office).json()["items"]
    # Started Monday 2026-09-21 10:00; 10 working days from the next day, counted by hand:
    # 22, 23, 24 Sep, (中秋 25–27 off), 28, 29, 30 Sep, (国庆 1–7 Oct off), 8, 9, 10 (Saturday,
    # a working day), 12 Oct → due Monday 2026-10-12.
    assert {a["due_at"][:10] for a in listed} == {"2026-10-12"}
    assert client.get(f"{here}/assignments", **bearer(people.officers["transport"])).status_code == 403  # fmt: skip

    transport = bearer(people.officers["transport"])
    mine = client.get(f"{API}/sheets?pending=true", **transport).json()
    assert mine["count"] == 1
    (sheet,) = mine["items"]
    assert sheet["reviewer_agency_id"] == ids["transport"] and sheet["round_id"] == round_id
    url = f"{API}/sheets/{sheet['id']}"
    assert client.get(url, **bearer(people.officers["education"])).status_code == 404
    lines = client.get(url, **transport).json()["lines"]
    assert [(x["code"], x["value"]) for x in lines] == [("a", None), ("b", None), ("c", None)]
    too_high = client.post(url, {"scores": {"a": "11"}}, "application/json", **transport)
    assert too_high.status_code == 422 and "scores.a" in too_high.json()["errors"]
    unknown = client.post(url, {"scores": {"z": "1"}}, "application/json", **transport)
    assert unknown.status_code == 422 and "scores.z" in unknown.json()["errors"]
    draft = client.post(
        url, {"scores": {"a": 8}, "comments": {"a": "目录完整。"}}, "application/json", **transport
    )
    assert draft.json()["state"] == "draft" and draft.json()["lines"][0]["value"] == "8.00"
    incomplete = client.post(url, {"scores": {"a": 8}, "submit": True}, "application/json", **transport)  # fmt: skip
    assert incomplete.status_code == 422
    assert set(incomplete.json()["errors"]) == {"scores.b", "scores.c"}
    full = {"scores": {"a": "8", "b": "4", "c": "90"}, "comment": "总体较好。", "submit": True}
    submitted = client.post(url, full, "application/json", **transport).json()
    # 8/10 × 50 + 4/5 × 30 + 90/100 × 20 = 40 + 24 + 18
    assert submitted["state"] == "submitted" and submitted["total"] == "82.00"
    assert client.post(url, full, "application/json", **transport).status_code == 422

    back = f"{here}/assignments/{sheet['id']}/return"
    no_reason = client.post(back, {"reason": " "}, "application/json", **office)
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["errors"]
    assert client.post(back, {"reason": "x"}, "application/json", **transport).status_code == 403
    returned = client.post(back, {"reason": "第三项请说明依据。"}, "application/json", **office)
    assert returned.json()["state"] == "draft" and returned.json()["total"] is None
    assert returned.json()["returned_reason"] == "第三项请说明依据。"
    assert client.get(url, **transport).json()["lines"][2]["value"] == "90.00"  # kept
    early = client.post(f"{here}/publish", **office)
    assert early.status_code == 422 and "3份评分表未提交" in str(early.json())
    fixed = client.post(url, {**full, "scores": {"a": "8", "b": "4", "c": "85"}}, "application/json", **transport)  # fmt: skip
    assert fixed.json()["total"] == "81.00"  # 40 + 24 + 17

    for key in ("education", "finance"):
        who = bearer(people.officers[key])
        (theirs,) = client.get(f"{API}/sheets?pending=true", **who).json()["items"]
        client.post(
            f"{API}/sheets/{theirs['id']}",
            {"scores": {"a": "10", "b": "5", "c": "100"}, "submit": True},
            "application/json",
            **who,
        )
    published = client.post(f"{here}/publish", **office)
    assert published.status_code == 200 and published.json()["state"] == "published"
    assert client.get(f"{API}/sheets?pending=true", **transport).json()["count"] == 0
    assert client.get(f"{API}/sheets", **transport).json()["count"] == 1
    results = client.get(f"{here}/results", **office).json()
    assert sorted(r["total"] for r in results["items"]) == ["100.00", "100.00", "81.00"]


def test_withdrawing_a_running_sheet_needs_a_reason(client, people):
    round_ = make_round(people)
    (a,) = assign_pairs(people, round_, [("education", "transport")])
    office = bearer(people.supervisor)
    client.post(f"{API}/{round_.pk}/start", **office)
    url = f"{API}/{round_.pk}/assignments/{a.pk}/withdraw"
    refused = client.post(url, {}, "application/json", **office)
    assert refused.status_code == 422 and "reason" in refused.json()["errors"]
    done = client.post(url, {"reason": "评审单位回避"}, "application/json", **office)
    assert done.status_code == 200
    assert done.json()["state"] == "withdrawn" and done.json()["withdrawn_reason"] == "评审单位回避"
    assert done.json()["due_at"] is None  # its clock stopped
    missing = client.post(f"{API}/{round_.pk}/assignments/999999/withdraw", {}, "application/json", **office)  # fmt: skip
    assert missing.status_code == 404
