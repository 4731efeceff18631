"""The ratings and oversight API: public summary and outcomes, staff cases and 督办 by token."""

import datetime as dt

import pytest

from sunshine.kernel import clock
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.kernel.duban.registry import register_supervisable, unregister_supervisable
from sunshine.kernel.ratings import services
from sunshine.testing.factories import at

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, key = issue_api_token(actor=user, name="测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_public_summary(client, rateables, citizen):
    with clock.frozen(dt.datetime(2026, 9, 29, 9, 0)):
        for level in ("satisfied", "dissatisfied"):
            services.rate(
                obj=rateables.make(rater=citizen, finished_at=at(2026, 9, 28)),
                rater=citizen,
                level=level,
            )
    data = client.get("/api/v1/ratings/summary").json()
    assert (data["total"], data["bad"], data["satisfaction_rate"]) == (2, 1, 0.5)
    assert data["agencies"][0]["agency_name"] == rateables.handler.name
    assert client.get("/api/v1/ratings/summary?kind=nothing").json()["total"] == 0
    assert client.get("/api/v1/ratings/outcomes").json() == {"count": 0, "items": []}


def test_staff_cases_need_a_token_and_are_scoped(client, rateables, citizen, staff):
    with clock.frozen(dt.datetime(2026, 9, 29, 9, 0)):
        case = services.rate(
            obj=rateables.make(rater=citizen, finished_at=at(2026, 9, 28)),
            rater=citizen,
            level="dissatisfied",
        ).case
    assert client.get("/api/v1/ratings/cases").status_code == 401
    mine = client.get("/api/v1/ratings/cases?state=open", **bearer(staff["officer"])).json()
    assert [c["id"] for c in mine["items"]] == [case.pk] and mine["items"][0]["urgency"]
    theirs = client.get("/api/v1/ratings/cases", **bearer(staff["other"])).json()
    assert theirs["count"] == 0
    url = f"/api/v1/ratings/cases/{case.pk}/callback"
    body = {"reached": True, "note": "已回访"}
    other = client.post(url, body, content_type="application/json", **bearer(staff["other"]))
    assert other.status_code == 404
    done = client.post(url, body, content_type="application/json", **bearer(staff["officer"]))
    assert done.status_code == 200 and done.json()["state"] == "called_back"
    bad = client.post(
        f"/api/v1/ratings/cases/{case.pk}/rectify",
        {"note": "x"},
        content_type="application/json",
        **bearer(staff["officer"]),
    )
    assert bad.status_code == 422


def test_oversight_orders(client, province, staff):
    handler = province["transport"]
    register_supervisable(
        "test_item", model="orgs.Agency", title=str, url=lambda o: "", agency=lambda o: handler
    )
    try:
        body = {"kind": "test_item", "object_id": province["county"].pk, "reason": "请办理"}
        refused = client.post(
            "/api/v1/oversight/orders",
            body,
            content_type="application/json",
            **bearer(staff["officer"]),
        )
        assert refused.status_code == 403
        made = client.post(
            "/api/v1/oversight/orders",
            body,
            content_type="application/json",
            **bearer(staff["supervisor"]),
        )
        assert made.status_code == 201, made.content
        order = made.json()
        assert order["agency_id"] == handler.pk and order["due_at"] and order["state"] == "open"
        listing = client.get("/api/v1/oversight/orders?box=mine", **bearer(staff["drafter"])).json()
        assert [o["id"] for o in listing["items"]] == [order["id"]]
        answered = client.post(
            f"/api/v1/oversight/orders/{order['id']}/respond",
            {"text": "已办理"},
            content_type="application/json",
            **bearer(staff["drafter"]),
        )
        assert answered.json()["state"] == "responded"
        assert (
            client.get(
                f"/api/v1/oversight/orders/{order['id']}", **bearer(staff["other"])
            ).status_code
            == 404
        )
    finally:
        unregister_supervisable("test_item")
