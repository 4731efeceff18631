import pytest

from sunshine.kernel.accounts.services import issue_api_token
from sunshine.participation.messages.models import Message
from sunshine.testing.factories.messages import answered, submit

pytestmark = pytest.mark.django_db
API = "/api/v1/messages"


@pytest.fixture
def people(messages_people):
    """`messages_people` with an API key of the transport officer and of the other officer."""
    return {
        **messages_people,
        "key": issue_api_token(actor=messages_people["officer"], name="测试")[1],
        "other_key": issue_api_token(actor=messages_people["other_officer"], name="测试")[1],
    }


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_public_list_and_detail_are_masked(client, people, django_assert_max_num_queries):
    m = answered(
        people, body="我叫张三丰，手机13812345678，出租车拒载。", reply="张三丰您好，已处理。"
    )
    hidden = submit(people["citizen"], agency=people["transport"])
    with django_assert_max_num_queries(4):
        data = client.get(API).json()
    assert data["count"] == 1 and data["items"][0]["id"] == m.pk
    assert data["items"][0]["url"].endswith(f"/hdjl/ly/{m.pk}/")
    detail = client.get(f"{API}/{m.pk}").json()
    assert "张三丰" not in detail["body"] and "13812345678" not in detail["body"]
    assert detail["reply"]["body"].startswith("张**您好")
    assert client.get(f"{API}/{hidden.pk}").status_code == 404
    assert client.get(API, {"category": "教育文体"}).json()["count"] == 0


def test_suggest(client, people):
    response = client.post(
        f"{API}/suggest",
        {"subject": "火车站出租车拒载", "body": "出租车拒载、绕路、不打表。"},
        content_type="application/json",
    )
    data = response.json()
    assert data["category"] == "交通运输" and data["agency"]["name"] == "广东省交通运输厅"


def test_staff_endpoints(client, people):
    m = submit(people["citizen"], agency=people["transport"])
    assert client.get(f"{API}/staff/queue").status_code == 401
    queue = client.get(f"{API}/staff/queue", **bearer(people["key"])).json()
    assert [i["id"] for i in queue["items"]] == [m.pk] and queue["items"][0]["urgency"]
    assert client.get(f"{API}/staff/queue", **bearer(people["other_key"])).json()["count"] == 0
    assert client.get(f"{API}/staff/{m.pk}", **bearer(people["other_key"])).status_code == 404
    response = client.post(
        f"{API}/staff/{m.pk}/extend",
        {"length": 11, "reason": "调查"},
        content_type="application/json",
        **bearer(people["key"]),
    )
    assert response.status_code == 422 and "10" in str(response.json())
    response = client.post(
        f"{API}/staff/{m.pk}/extend",
        {"length": 10, "reason": "调查"},
        content_type="application/json",
        **bearer(people["key"]),
    )
    assert response.status_code == 200
    response = client.post(
        f"{API}/staff/{m.pk}/reply",
        {"body": "已处理。", "publish": True},
        content_type="application/json",
        **bearer(people["key"]),
    )
    assert response.status_code == 200 and response.json()["state"] == "replied"
    assert response.json()["is_published"] is True


def test_staff_transfer_out_of_scope_returns_204(client, people):
    m = submit(people["citizen"], agency=people["transport"])
    response = client.post(
        f"{API}/staff/{m.pk}/transfer",
        {"agency_id": people["other"].pk, "reason": "属教育部门"},
        content_type="application/json",
        **bearer(people["key"]),
    )
    assert response.status_code == 204
    m.refresh_from_db()
    assert m.agency == people["other"] and m.state == Message.State.ASSIGNED


def test_openapi_lists_the_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/messages/suggest" in paths
    assert "/api/v1/messages/staff/{message_id}/reply" in paths
