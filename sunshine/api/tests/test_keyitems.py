import datetime as dt

import pytest

from sunshine.governance.keyitems import services
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.kernel.clock import frozen
from sunshine.testing.factories.keyitems import ask, keyitem_people, make_project, submitted_to

from .utils import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def kp(province):
    return keyitem_people(province)


def test_public_reads(client, kp):
    with frozen(dt.date(2026, 12, 1)):
        item = services.submit_item(actor=kp["editor"], item=make_project(kp))
        services.record_spending(actor=kp["editor"], item=item, spent_on=dt.date(2026, 11, 2),
                                 amount="1000", purpose="测试")  # fmt: skip
    hidden = make_project(kp, title="登记中")
    body = client.get("/api/v1/keyitems").json()
    assert body["count"] == 1 and body["items"][0]["kind_label"] == "重大项目"
    one = client.get(f"/api/v1/keyitems/{item.pk}").json()
    assert one["spent"] in ("1000.00", 1000.0, "1000") and one["spendings"][0]["purpose"] == "测试"
    assert client.get(f"/api/v1/keyitems/{hidden.pk}").status_code == 404
    assert client.get("/api/v1/keyitems/spending-summary").json() == []


def test_staff_cross_check_return_and_sign_off(client, kp):
    item = submitted_to(kp, make_project(kp))
    url = f"/api/v1/keyitems/{item.pk}/crosscheck"
    assert client.post(f"{url}/return", {}, content_type="application/json").status_code == 401
    own = bearer(issue_api_token(actor=kp["own_checker"], name="x")[1])
    refused = client.post(
        f"{url}/sign-off", {"findings": "同意"}, content_type="application/json", **own
    )
    assert refused.status_code == 403
    checker = bearer(issue_api_token(actor=kp["checker"], name="x")[1])
    bad = client.post(f"{url}/return", {"reasons": ""}, content_type="application/json", **checker)
    assert bad.status_code == 422 and "reasons" in bad.json()["errors"]
    back = client.post(f"{url}/return", {"reasons": "缺可研批复"}, content_type="application/json",
                       **checker)  # fmt: skip
    assert back.status_code == 200 and back.json()["state"] == "returned"
    editor = bearer(issue_api_token(actor=kp["editor"], name="x")[1])
    again = client.post(f"/api/v1/keyitems/{item.pk}/submit", **editor)
    assert again.json()["state"] == "checking"
    ok = client.post(f"{url}/sign-off", {"findings": "同意"}, content_type="application/json",
                     **checker)  # fmt: skip
    assert ok.json()["state"] == "in_progress"
    assert [c["state"] for c in ok.json()["crosschecks"]] == ["returned", "signed_off"]
    supervisor = bearer(issue_api_token(actor=kp["supervisor"], name="x")[1])
    rows = client.get("/api/v1/keyitems/dashboard", **supervisor).json()
    assert rows[0]["id"] == item.pk and rows[0]["check_pending"] is False


def _post(client, url, body, token):
    return client.post(url, body, content_type="application/json", **token)


def test_staff_register_assign_and_answer(client, kp):
    editor = bearer(issue_api_token(actor=kp["editor"], name="x")[1])
    body = {"agency_id": kp["transport"].pk, "kind": "project", "title": "珠江口跨江通道"}
    missing = _post(client, "/api/v1/keyitems", body, editor)
    assert missing.status_code == 422 and "budget" in missing.json()["errors"]
    other = _post(client, "/api/v1/keyitems", body | {"agency_id": kp["city"].pk,
                                                      "budget": "1000000"}, editor)  # fmt: skip
    assert other.status_code == 403
    made = _post(client, "/api/v1/keyitems", body | {"budget": "32000000000.00",
                                                     "is_public": True}, editor)  # fmt: skip
    assert made.status_code == 201 and made.json()["state"] == "draft"
    item_id = made.json()["id"]
    url = f"/api/v1/keyitems/{item_id}/crosscheck/assign"
    assert _post(client, url, {"agency_id": kp["office"].pk}, editor).status_code == 403
    supervisor = bearer(issue_api_token(actor=kp["supervisor"], name="x")[1])
    own = _post(client, url, {"agency_id": kp["transport"].pk}, supervisor)
    assert own.status_code == 422 and "agency" in own.json()["errors"]
    assigned = _post(client, url, {"agency_id": kp["office"].pk, "reason": "开工前审核"},
                     supervisor)  # fmt: skip
    assert assigned.status_code == 200
    assert [(c["agency_id"], c["state"]) for c in assigned.json()["crosschecks"]] == [
        (kp["office"].pk, "waiting")]  # fmt: skip

    # A public question, answered through the API on its 5-working-day clock: asked Mon
    # 2026-11-02 09:00, due Mon 11-09 (3, 4, 5, 6, 9 Nov; no holiday).
    item = services.submit_item(actor=kp["editor"], item=make_project(kp, title="公开项目"))
    with frozen(dt.datetime(2026, 11, 2, 9, 0)):
        question = ask(kp, item)
    rows = client.get("/api/v1/keyitems/questions?state=open", **editor).json()
    assert [r["id"] for r in rows] == [question.pk]
    assert rows[0]["due_at"].startswith("2026-11-09")
    blank = _post(client, f"/api/v1/keyitems/questions/{question.pk}/answer", {"answer": " "},
                  editor)  # fmt: skip
    assert blank.status_code == 422 and "answer" in blank.json()["errors"]
    city = bearer(issue_api_token(actor=kp["city_checker"], name="x")[1])
    assert _post(client, f"/api/v1/keyitems/questions/{question.pk}/answer", {"answer": "好"},
                 city).status_code == 404  # fmt: skip
    done = _post(client, f"/api/v1/keyitems/questions/{question.pk}/answer",
                 {"answer": "第二标段因征地延期。"}, editor)  # fmt: skip
    assert done.status_code == 200 and done.json()["state"] == "answered"
    public = client.get(f"/api/v1/keyitems/{item.pk}").json()
    assert public["questions"][0]["answer"] == "第二标段因征地延期。"


def test_expert_stage_opinion_on_its_clock(client, kp):
    """Asked Mon 2026-11-02 09:00: 10 working days from Tue 3 Nov (3, 4, 5, 6, 9, 10, 11, 12,
    13, 16 Nov; no holiday) → due Mon 2026-11-16."""
    from sunshine.governance.keyitems import experts
    from sunshine.testing.factories.keyitems import add_expert, with_stages

    item = services.submit_item(actor=kp["editor"], item=make_project(kp))
    stages = with_stages(item, kp["editor"])
    group = experts.form_group(actor=kp["supervisor"], item=item)
    experts.add_member(actor=kp["supervisor"], group=group, expert=add_expert(kp))
    with frozen(dt.datetime(2026, 11, 2, 9, 0)):
        review = experts.request_opinion(actor=kp["supervisor"], group=group, stage=stages[0])
    url = f"/api/v1/keyitems/{item.pk}/experts/reviews/{review.pk}/opinion"
    editor = bearer(issue_api_token(actor=kp["editor"], name="x")[1])
    body = {"conclusion": "concerns", "opinion": "建议加快征地拆迁。"}
    assert _post(client, url, body, editor).status_code == 403  # the office records it
    supervisor = bearer(issue_api_token(actor=kp["supervisor"], name="x")[1])
    bad = _post(client, url, body | {"conclusion": "maybe"}, supervisor)
    assert bad.status_code == 422 and "conclusion" in bad.json()["errors"]
    done = _post(client, url, body, supervisor)
    assert done.status_code == 200
    assert done.json()["reviews"] == [
        {"id": review.pk, "stage": "前期工作", "state": "done", "conclusion": "concerns",
         "opinion": "建议加快征地拆迁。", "due_at": None,
         "given_at": done.json()["reviews"][0]["given_at"]}]  # fmt: skip
    from sunshine.kernel.deadlines.selectors import clocks_for

    assert [c.due_at.date() for c in clocks_for(review)] == [dt.date(2026, 11, 16)]
    assert _post(client, f"/api/v1/keyitems/{item.pk}/experts/reviews/999999/opinion", body,
                 supervisor).status_code == 404  # fmt: skip


def test_expert_group_through_the_api(client, kp):
    """The office forms the group from the library (an expert who declared a conflict with the
    transport department is not offered and is refused, leaving no empty group), asks the
    group's opinion on a stage (Mon 2026-11-02 09:00 + 10 wd → Mon 2026-11-16, no holiday in
    between), cannot make the final assessment while that opinion is pending, then can."""
    from sunshine.kernel.deadlines.selectors import clocks_for
    from sunshine.testing.factories.keyitems import add_expert, with_stages

    item = services.submit_item(actor=kp["editor"], item=make_project(kp))
    stages = with_stages(item, kp["editor"])
    huang = add_expert(kp)
    wu = add_expert(kp, "吴工", conflicts=[kp["transport"]])
    base = f"/api/v1/keyitems/{item.pk}/experts"
    office = bearer(issue_api_token(actor=kp["supervisor"], name="x")[1])
    editor = bearer(issue_api_token(actor=kp["editor"], name="x")[1])

    offered = client.get(f"{base}/candidates", **office).json()
    assert [e["name"] for e in offered] == ["黄教授"]
    assert _post(client, f"{base}/members", {"expert_id": huang.pk}, editor).status_code == 403
    refused = _post(client, f"{base}/members", {"expert_id": wu.pk}, office)
    assert refused.status_code == 422
    assert "应当回避" in refused.json()["errors"]["expert"][0]
    assert _post(client, f"{base}/members", {"expert_id": 999999}, office).status_code == 404
    no_group = _post(client, f"{base}/reviews", {"stage_id": stages[0].pk}, office)
    assert no_group.status_code == 422  # the refused member left no group behind

    joined = _post(client, f"{base}/members", {"expert_id": huang.pk, "is_leader": True}, office)
    assert joined.status_code == 200
    group = joined.json()["expert_group"]
    assert group["members"] == [
        {"expert_id": huang.pk, "name": "黄教授", "specialty": "道路与桥梁工程", "is_leader": True}
    ]
    assert [s["name"] for s in joined.json()["stages"]] == ["前期工作", "施工", "交工验收"]
    assert client.get(f"{base}/candidates", **office).json() == []

    with frozen(dt.datetime(2026, 11, 2, 9, 0)):
        asked = _post(client, f"{base}/reviews", {"stage_id": stages[0].pk}, office)
    assert asked.status_code == 200
    (review,) = asked.json()["reviews"]
    assert review["state"] == "pending"
    assert _post(client, f"{base}/reviews", {"stage_id": 999999}, office).status_code == 404

    final = {"conclusion": "sound", "assessment": "项目推进总体有序。"}
    early = _post(client, f"{base}/final", final, office)
    assert early.status_code == 422 and "阶段意见未出具" in early.json()["errors"]["__all__"][0]
    opinion = {"conclusion": "concerns", "opinion": "建议加快征地拆迁。"}
    url = f"{base}/reviews/{review['id']}/opinion"
    assert _post(client, url, opinion, office).status_code == 200
    bad = _post(client, f"{base}/final", final | {"conclusion": "maybe"}, office)
    assert bad.status_code == 422 and "conclusion" in bad.json()["errors"]
    done = _post(client, f"{base}/final", final, office)
    assert done.status_code == 200
    assert done.json()["expert_group"]["final_conclusion"] == "sound"
    assert done.json()["expert_group"]["assessed_at"]
    again = _post(client, f"{base}/final", final, office)
    assert again.status_code == 422 and "已作出最终评估" in again.json()["errors"]["__all__"][0]
    from sunshine.governance.keyitems.selectors import reviews_of

    (stage_review,) = reviews_of(item)
    assert [c.due_at.date() for c in clocks_for(stage_review)] == [dt.date(2026, 11, 16)]
