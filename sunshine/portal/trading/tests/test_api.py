"""公共资源交易 API: public lists and a project with its timeline, a bidder's complaint (signed
in), the staff import's report and the complaint transitions. (Unique schema names: the API's
own test_schema_names_are_unique_across_routers covers this router.)"""

import datetime as dt

import pytest

from sunshine.kernel.accounts.services import issue_api_token
from sunshine.kernel.clock import frozen
from sunshine.opendata.trading.tests.factories import (
    BIDDER_CODE,
    feed_row,
    imported_project,
    json_bytes,
)
from sunshine.testing.factories.kernel import CitizenFactory

pytestmark = pytest.mark.django_db


def test_public_bidder_and_staff_flow(client, gov):
    project = imported_project(gov["market"], gov["editor"])
    body = client.get("/api/v1/trading", {"category": "procurement", "stage": "result"}).json()
    assert body["count"] == 1 and body["items"][0]["category_label"] == "政府采购"
    assert client.get("/api/v1/trading", {"date_from": "2026-13-01"}).status_code == 422
    detail = client.get(f"/api/v1/trading/{project.pk}").json()
    assert [a["kind"] for a in detail["announcements"]] == ["tender", "result"]
    assert client.get("/api/v1/trading/999999").status_code == 404
    complaint = {
        "complainant_name": "广州安信医疗科技有限公司", "credit_code": BIDDER_CODE,
        "contact": "020-1", "matters": "参数不符", "facts": "排数不足",
        "request_text": "重新采购", "challenge": "已质疑",
    }  # fmt: skip
    url = f"/api/v1/trading/{project.pk}/complaints"
    assert client.post(url, complaint, content_type="application/json").status_code == 401
    client.force_login(CitizenFactory())
    refused = client.post(url, complaint | {"matters": ""}, content_type="application/json")
    assert refused.status_code == 422
    with frozen(dt.datetime(2026, 9, 28, 10, 0)):
        created = client.post(url, complaint, content_type="application/json")
    assert created.status_code == 201 and created.json()["state"] == "received"
    client.logout()
    token = issue_api_token(actor=gov["editor"], name="测试")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    queue = client.get("/api/v1/trading/staff/complaints", **auth).json()
    assert queue[0]["due_at"] == "2026-10-10T15:59:59Z"  # the end of 10 Oct in Shanghai
    cid = queue[0]["id"]
    move = lambda **d: client.post(  # noqa: E731
        f"/api/v1/trading/staff/complaints/{cid}/transition",
        d,
        content_type="application/json",
        **auth,
    )
    assert move(action="decide", outcome="upheld", decision="x").status_code == 422
    assert move(action="accept").json()["state"] == "accepted"
    assert move(action="decide", outcome="upheld", decision="成立").json()["state"] == "decided"
    report = client.post(
        "/api/v1/trading/staff/import",
        {
            "agency_id": gov["market"].pk,
            "platform": "gdggzy",
            "format": "json",
            "content": json_bytes(
                [feed_row(gov["market"]), feed_row(gov["market"], notice="N-3", published_on="bad")]
            ).decode(),
        },  # fmt: skip
        content_type="application/json",
        **auth,
    ).json()
    assert (report["unchanged"], report["failed"], report["row_errors"][0]["column"]) == (1, 1, "published_on")  # fmt: skip


def test_correction_actions_for_staff_and_complainant(client, gov):
    """补正 over the API: the officer's request_correction (a bad date is 422), the complainant
    reads the notice and sends the 补正 (empty is 422; someone else's complaint is 404), then
    the officer accepts. Procurement, received Mon 28 Sep 2026 → review 5 wd due Sat 10 Oct."""
    project = imported_project(gov["market"], gov["editor"])
    bidder = CitizenFactory()
    client.force_login(bidder)
    complaint = {
        "complainant_name": "广州安信医疗科技有限公司", "credit_code": BIDDER_CODE,
        "contact": "020-1", "matters": "参数不符", "facts": "排数不足",
        "request_text": "重新采购", "challenge": "已质疑",
    }  # fmt: skip
    with frozen(dt.datetime(2026, 9, 28, 10, 0)):
        cid = client.post(f"/api/v1/trading/{project.pk}/complaints", complaint, content_type="application/json").json()["id"]  # fmt: skip
    token = issue_api_token(actor=gov["editor"], name="测试")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    move = lambda **d: client.post(  # noqa: E731
        f"/api/v1/trading/staff/complaints/{cid}/transition", d, content_type="application/json", **auth
    )  # fmt: skip
    with frozen(dt.datetime(2026, 9, 29, 15, 0)):
        assert move(action="request_correction", items="补充质疑函", due="2026-13-01").status_code == 422  # fmt: skip
        refused = move(action="request_correction", items="", due="2026-10-16")
        assert refused.status_code == 422 and "items" in refused.content.decode()
        asked = move(action="request_correction", items="补充质疑函", due="2026-10-16").json()
    assert asked["awaiting_correction"] is True and asked["correction_due"] == "2026-10-16"
    assert move(action="accept").status_code == 422  # still waiting for the 补正
    mine = client.get(f"/api/v1/trading/complaints/{cid}").json()
    assert mine["correction_request"] == "补充质疑函"
    send = lambda text: client.post(  # noqa: E731
        f"/api/v1/trading/complaints/{cid}/correction", {"text": text}, content_type="application/json"
    )  # fmt: skip
    with frozen(dt.datetime(2026, 10, 9, 10, 0)):
        assert send("").status_code == 422
        client.force_login(CitizenFactory())
        assert send("质疑函见附件").status_code == 404
        assert client.get(f"/api/v1/trading/complaints/{cid}").status_code == 404
        client.force_login(bidder)
        sent = send("质疑函已补充。").json()
    assert sent["awaiting_correction"] is False and sent["correction_text"] == "质疑函已补充。"
    assert move(action="accept").json()["state"] == "accepted"
    client.logout()
    assert send("x").status_code == 401
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/trading/complaints/{complaint_id}/correction" in schema["paths"]
