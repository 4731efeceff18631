"""/api/v1/decisions: the public list and dossier (published catalogs only), staff list and
detail with a token, and POST /{id}/transition — 409 naming the missing steps."""

import pytest

from sunshine.governance.decisions import execution, services, steps
from sunshine.kernel import clock
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.kernel.audit.models import AuditEvent
from sunshine.testing.factories.decisions import at, make_decision, make_people, pass_legality

API = "/api/v1/decisions"


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


def post(client, url, body, user):
    return client.post(url, body, content_type="application/json", **bearer(user))


def test_decide_answers_409_naming_the_missing_steps(client, people):
    decision = make_decision(people, level="leader")
    steps.record_risk_assessment(
        actor=people.drafter, decision=decision, risk_level="low", report="风险可控。"
    )
    answer = post(
        client,
        f"{API}/{decision.pk}/transition",
        {"action": "decide", "decision_text": "同意。"},
        people.head,
    )
    assert answer.status_code == 409
    body = answer.json()
    assert body["missing_steps"] == ["legality_review"]
    assert "合法性审查" in body["detail"]
    # Without a text too: the missing steps come first.
    answer = post(client, f"{API}/{decision.pk}/transition", {"action": "decide"}, people.head)
    assert answer.status_code == 409 and answer.json()["missing_steps"] == ["legality_review"]


def test_decide_and_publish_once_the_steps_are_done(client, people):
    decision = make_decision(people, level="division")
    pass_legality(people, decision)
    answer = post(
        client,
        f"{API}/{decision.pk}/transition",
        {"action": "decide", "decision_text": "同意实施。"},
        people.head,
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["state"] == "decided" and body["missing_steps"] == []
    assert body["steps"][0]["kind"] == "legality_review" and body["steps"][0]["state"] == "done"
    answer = post(
        client,
        f"{API}/{decision.pk}/transition",
        {"action": "publish", "interpretation": "一图读懂。", "interpretation_url": "/zcjd/1/"},
        people.head,
    )
    assert answer.status_code == 200
    # 决策后评估 clock: 365 days from the day after publication (21 Sep 2026).
    assert answer.json()["evaluation_due"] == "2027-09-21"


def test_the_heads_override_through_the_api_is_audited(client, people):
    decision = make_decision(people, level="leader")
    answer = post(
        client,
        f"{API}/{decision.pk}/transition",
        {"action": "decide", "decision_text": "同意。", "override_reason": "应急需要"},
        people.head,
    )
    assert answer.status_code == 200 and answer.json()["state"] == "decided"
    assert AuditEvent.objects.filter(action="decision.override").count() == 1


def test_refusals_keep_the_error_shape(client, people):
    decision = make_decision(people, level="division")
    pass_legality(people, decision)
    url = f"{API}/{decision.pk}/transition"
    answer = post(client, url, {"action": "decide"}, people.head)
    assert answer.status_code == 422
    assert answer.json()["errors"] == {"decision_text": ["请填写决定内容。"]}
    answer = post(client, url, {"action": "decide", "decision_text": "同意"}, people.drafter)
    assert answer.status_code == 403 and answer.json()["detail"]
    answer = post(client, url, {"action": "approve"}, people.head)
    assert answer.status_code == 404 and "approve" in answer.json()["detail"]
    answer = post(client, url, {"action": "decide"}, people.outsider)
    assert answer.status_code == 404  # not in the caller's scope
    answer = client.post(url, {"action": "decide"}, content_type="application/json")
    assert answer.status_code == 401


def test_public_list_and_dossier_show_published_catalogs_only(client, people):
    decision = make_decision(people, level="division")
    assert client.get(API).json()["count"] == 0
    assert client.get(f"{API}/{decision.pk}").status_code == 404
    services.publish_catalog(actor=people.head, catalog=decision.catalog)
    listed = client.get(API, {"year": 2026}).json()
    assert listed["count"] == 1 and listed["items"][0]["level_label"] == "处室"
    detail = client.get(f"{API}/{decision.pk}").json()
    assert detail["missing_steps"] == ["legality_review"] and detail["decision_text"] == ""
    pass_legality(people, decision)
    services.decide(actor=people.head, decision=decision, decision_text="同意实施。")
    detail = client.get(f"{API}/{decision.pk}").json()
    assert detail["decision_text"] == ""  # not yet published
    review = detail["steps"][0]
    assert review["state"] == "done" and review["report"] == "" and review["conclusion"] == ""
    staff_view = client.get(f"{API}/staff/{decision.pk}", **bearer(people.drafter)).json()
    assert staff_view["steps"][0]["report"] == "符合有关法律法规。"
    services.publish_decision(actor=people.head, decision=decision, interpretation="解读")
    execution.add_task(
        actor=people.drafter, decision=decision, title="编制实施方案", agency=people.lead
    )
    detail = client.get(f"{API}/{decision.pk}").json()
    assert detail["decision_text"] == "同意实施。" and detail["interpretation"] == "解读"
    assert detail["steps"][0]["report"] == "符合有关法律法规。"
    assert detail["steps"][0]["conclusion"] == "lawful"
    assert detail["tasks"][0]["title"] == "编制实施方案" and detail["progress"] == 0


def test_staff_list_and_detail_need_a_token_and_are_scoped(client, people):
    decision = make_decision(people, level="division")
    assert client.get(f"{API}/staff").status_code == 401
    mine = client.get(f"{API}/staff", **bearer(people.drafter)).json()
    assert [item["id"] for item in mine["items"]] == [decision.pk]
    assert client.get(f"{API}/staff", **bearer(people.outsider)).json()["count"] == 0
    detail = client.get(f"{API}/staff/{decision.pk}", **bearer(people.drafter)).json()
    assert detail["state"] == "drafting" and detail["required_steps"] == ["legality_review"]
