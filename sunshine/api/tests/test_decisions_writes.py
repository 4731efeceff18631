"""/api/v1/decisions beyond the workflow acts: the published 决策事项目录 with its adjustments,
and the staff writes — a new entry, each statutory step's record (the 公众参与 link chosen from
the candidates), execution tasks and progress, the 决策后评估 — with the common refusals."""

import pytest

from sunshine.governance.decisions import services
from sunshine.kernel import clock
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.participation.meetings import services as meetings
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.decisions import at, make_decision, make_people

API = "/api/v1/decisions"


@pytest.fixture
def people(province):
    return make_people(province)


@pytest.fixture(autouse=True)
def autumn_2026():
    with clock.frozen(at(2026, 9, 21, 10)):  # a Monday
        yield


def bearer(user) -> dict:
    _token, key = issue_api_token(actor=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", **bearer(user))


def held_hearing(people, *, kind="hearing", held=True):
    officer = staff_with("disclosure_officer", people.government)
    meeting = meetings.create_meeting(
        actor=officer,
        agency=people.government,
        title="广湛高速公路建设规划听证会",
        starts_at=at(2026, 9, 10, 9),
        kind=kind,
    )
    return meetings.mark_held(actor=officer, meeting=meeting) if held else meeting


def test_published_catalogs_with_their_adjustments(client, people):
    first = make_decision(people, level="division", title="城市更新实施方案")
    assert client.get(f"{API}/catalogs").json()["count"] == 0
    assert client.get(f"{API}/catalogs/{people.government.pk}/2026").status_code == 404
    services.publish_catalog(actor=people.head, catalog=first.catalog)
    second = make_decision(people, level="leader", title="停车收费调整", reason="根据部署新增")
    services.remove_from_catalog(actor=people.drafter, decision=first, reason="并入其他事项")
    listed = client.get(f"{API}/catalogs", {"year": 2026}).json()
    assert listed["count"] == 1
    item = listed["items"][0]
    assert (item["agency_name"], item["year"]) == ("广东省人民政府", 2026)
    assert item["xlsx_url"] == f"/zdjc/{people.government.pk}/2026/xlsx/"
    assert client.get(f"{API}/catalogs", {"year": 2025}).json()["count"] == 0
    detail = client.get(f"{API}/catalogs/{people.government.pk}/2026").json()
    assert [e["title"] for e in detail["entries"]] == ["停车收费调整"]
    assert [(a["kind"], a["decision_id"], a["reason"]) for a in detail["adjustments"]] == [
        ("add", second.pk, "根据部署新增"),
        ("remove", first.pk, "并入其他事项"),
    ]
    assert detail["adjustments"][1]["changes"] == {"listed": [True, False]}


def test_an_entry_through_its_steps_to_the_evaluation(client, people):
    answer = post(
        client,
        API,
        {
            "agency_id": people.government.pk,
            "lead_agency_id": people.lead.pk,
            "title": "全省综合交通运输体系规划",
            "level": "leader",
            "planned_date": "2026-12-31",
        },
        people.drafter,
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    pk = body["id"]
    assert body["required_steps"] == ["risk_assessment", "legality_review"]
    assert body["missing_steps"] == ["risk_assessment", "legality_review"]
    refused = post(client, f"{API}/{pk}/steps/risk_assessment", {"report": "x"}, people.drafter)
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"risk_level": ["请选择风险等级。"]}
    done = post(
        client,
        f"{API}/{pk}/steps/risk_assessment",
        {"risk_level": "medium", "report": "征地风险中等，已有预案。"},
        people.drafter,
    )
    assert done.status_code == 200
    assert done.json()["missing_steps"] == ["legality_review"]
    sent = post(
        client,
        f"{API}/{pk}/steps/legality_review",
        {"legal_office_id": people.legal_office.pk},
        people.drafter,
    )
    assert sent.status_code == 200
    review = next(s for s in sent.json()["steps"] if s["kind"] == "legality_review")
    assert review["state"] == "in_review"
    # Only the legal office answers (Art. 28); the drafter may not.
    opinion = {"conclusion": "lawful", "report": "符合有关规定。"}
    url = f"{API}/{pk}/steps/legality_review"
    assert post(client, url, opinion, people.drafter).status_code == 403
    answered = post(client, url, opinion, people.reviewer)
    assert answered.status_code == 200 and answered.json()["missing_steps"] == []
    decided = post(
        client,
        f"{API}/{pk}/transition",
        {"action": "decide", "decision_text": "同意。"},
        people.head,
    )
    assert decided.status_code == 200 and decided.json()["state"] == "decided"
    task = post(
        client,
        f"{API}/{pk}/tasks",
        {"title": "编制实施方案", "agency_id": people.lead.pk, "due_date": "2026-12-31"},
        people.drafter,
    )
    assert task.status_code == 201
    task_id = task.json()["tasks"][0]["id"]
    refused = post(
        client,
        f"{API}/tasks/{task_id}/progress",
        {"percent": 100, "status": "in_progress", "note": "完成"},
        people.drafter,
    )
    assert refused.status_code == 422 and "percent" in refused.json()["errors"]
    progress = post(
        client,
        f"{API}/tasks/{task_id}/progress",
        {"percent": 60, "status": "in_progress", "note": "已起草", "evidence": "草案"},
        people.drafter,
    )
    assert progress.status_code == 200
    assert progress.json()["progress"] == 60 and progress.json()["tasks"][0]["evidence"] == "草案"
    early = post(client, f"{API}/{pk}/evaluation", {"report": "效果良好。"}, people.drafter)
    assert early.status_code == 422  # Art. 36 evaluation follows publication
    post(client, f"{API}/{pk}/transition", {"action": "publish"}, people.head)
    evaluated = post(client, f"{API}/{pk}/evaluation", {"report": "效果良好。"}, people.drafter)
    assert evaluated.status_code == 200
    assert evaluated.json()["evaluation_report"] == "效果良好。"
    assert evaluated.json()["evaluated_at"].startswith("2026-09-21")


def test_public_participation_is_linked_from_the_candidates(client, people):
    hearing = held_hearing(people)
    held_hearing(people, kind="meeting")  # a general meeting: not offered
    decision = make_decision(people, level="party_group")
    url = f"{API}/staff/{decision.pk}/participation-candidates"
    assert client.get(url).status_code == 401
    candidates = client.get(url, **bearer(people.drafter)).json()
    assert candidates == [
        {
            "kind": "hearing",
            "id": hearing.pk,
            "title": "广湛高速公路建设规划听证会",
            "when": "听证会 2026-09-10",
            "counts": True,
            "problems": [],
        }
    ]
    step_url = f"{API}/{decision.pk}/steps/public_participation"
    both = post(client, step_url, {"hearing_id": hearing.pk, "consultation_id": 1}, people.drafter)
    assert both.status_code == 422
    unknown = post(client, step_url, {"consultation_id": 999999}, people.drafter)
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == {"consultation_id": ["没有这个已发布的征求意见。"]}
    done = post(client, step_url, {"hearing_id": hearing.pk}, people.drafter)
    assert done.status_code == 200
    step = next(s for s in done.json()["steps"] if s["kind"] == "public_participation")
    assert step["state"] == "done" and step["hearing_id"] == hearing.pk
    again = post(client, step_url, {"hearing_id": hearing.pk}, people.drafter)
    assert again.status_code == 200  # linking again is allowed while drafting


def test_step_refusals(client, people):
    decision = make_decision(people, level="division")
    url = f"{API}/{decision.pk}/steps"
    assert post(client, f"{url}/approval", {}, people.drafter).status_code == 404
    not_required = post(
        client, f"{url}/expert_review", {"experts": "张", "report": "可行"}, people.drafter
    )
    assert not_required.status_code == 422
    assert not_required.json()["errors"] == {"__all__": ["该决策的层级不要求“专家论证”程序。"]}
    assert post(client, f"{url}/legality_review", {}, people.outsider).status_code == 404
    no_office = post(client, f"{url}/legality_review", {"legal_office_id": 2**40}, people.drafter)
    assert no_office.status_code == 422
    assert no_office.json()["errors"] == {"legal_office_id": ["没有这个机关。"]}
    # A new entry in an agency outside the caller's: not found.
    answer = post(
        client,
        API,
        {
            "agency_id": people.legal_office.pk,
            "lead_agency_id": people.lead.pk,
            "title": "x",
            "level": "division",
        },
        people.outsider,
    )
    assert answer.status_code == 404
