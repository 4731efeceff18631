import datetime as dt

import pytest

from sunshine.governance.powers.models import PowerItem
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories.powers import make_item

from .utils import bearer

pytestmark = pytest.mark.django_db


def _key(user):
    return issue_api_token(actor=user, name="清单系统")[1]


def test_public_list_and_detail(client, gov):
    item = make_item(gov["editor"], gov["market"])
    make_item(gov["env_editor"], gov["env"], code="CF-001", kind="penalty", name="对排污的处罚")
    body = client.get("/api/v1/powers").json()
    assert body["count"] == 2
    body = client.get("/api/v1/powers", {"kind": "licensing"}).json()
    assert [i["code"] for i in body["items"]] == ["QL-001"]
    assert body["items"][0]["kind_label"] == "行政许可" and body["items"][0]["url"]
    body = client.get("/api/v1/powers", {"q": "排污", "agency_id": gov["root"].pk}).json()
    assert [i["name"] for i in body["items"]] == ["对排污的处罚"]
    detail = client.get(f"/api/v1/powers/{item.pk}").json()
    assert detail["status"] == "in_force" and detail["versions"][0]["number"] == 1
    assert client.get("/api/v1/powers/999999").status_code == 404
    assert client.get("/api/v1/powers", {"limit": 1000}).status_code == 422


def test_staff_writes_within_their_agency(client, gov):
    payload = {
        "agency_id": gov["market"].pk,
        "code": "JC-001",
        "kind": "inspection",
        "name": "食品生产经营监督检查",
        "basis": "《食品安全法》第一百一十条",
        "subject": "广东省市场监督管理局",
        "effective_from": "2026-01-01",
    }
    assert (
        client.post("/api/v1/powers", payload, content_type="application/json").status_code == 401
    )
    created = client.post(
        "/api/v1/powers", payload, content_type="application/json", **bearer(_key(gov["editor"]))
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    # Another agency's editor: not in their scope.
    other = bearer(_key(gov["env_editor"]))
    refused = client.post(
        "/api/v1/powers", payload | {"code": "JC-002"}, content_type="application/json", **other
    )
    assert refused.status_code == 422 and "agency_id" in refused.json()["errors"]
    assert client.post(
        f"/api/v1/powers/{pk}/revise", {"name": "x", "note": "y"},
        content_type="application/json", **other,
    ).status_code == 404  # fmt: skip
    mine = bearer(_key(gov["editor"]))
    bad = client.post(
        f"/api/v1/powers/{pk}/revise",
        {"basis": "新依据", "effective_from": "2025-01-01", "note": "调整"},
        content_type="application/json",
        **mine,
    )
    assert bad.status_code == 422 and "effective_from" in bad.json()["errors"]
    good = client.post(
        f"/api/v1/powers/{pk}/revise",
        {"basis": "新依据", "effective_from": "2026-06-01", "note": "调整"},
        content_type="application/json",
        **mine,
    )
    assert good.status_code == 200 and len(good.json()["versions"]) == 2
    on = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    repealed = client.post(
        f"/api/v1/powers/{pk}/repeal",
        {"on": on, "note": "取消"},
        content_type="application/json",
        **mine,
    )
    assert repealed.status_code == 200
    assert PowerItem.objects.get(pk=pk).versions.get(number=2).effective_to.isoformat() == on
