import pytest

from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.supervision import build_hall

pytestmark = pytest.mark.django_db
MARCH = {"since": "2026-03-01", "until": "2026-03-31"}


def bearer(user) -> dict:
    _token, key = issue_api_token(actor=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_dashboard_numbers_and_scope(client, province, supervision_hall, supervision_now):
    build_hall(province["city"])
    assert client.get("/api/v1/supervision/dashboard").status_code == 401
    supervisor = bearer(staff_with("supervisor", province["office"]))
    data = client.get("/api/v1/supervision/dashboard", MARCH, **supervisor).json()
    assert (data["since"], data["until"]) == ("2026-03-01", "2026-03-31")
    assert [a["agency_name"] for a in data["agencies"]] == ["广东省交通运输厅", "广州市人民政府"]
    transport = data["agencies"][0]
    assert transport["received"] == 5 and transport["completed"] == 3
    assert transport["on_time_rate"] == pytest.approx(0.6667, abs=1e-4)
    assert transport["average_days"] == 6.0 and transport["p90_days"] == 12
    assert transport["correction_rate"] == 0.2 and transport["satisfaction_rate"] == 0.5
    assert data["total"]["received"] == 10 and data["total"]["ratings"] == 4

    city_staff = bearer(staff_with("drafter", province["city"]))
    mine = client.get("/api/v1/supervision/dashboard", MARCH, **city_staff).json()
    # Their agency and its subtree (天河区, with zeros); never 交通运输厅.
    assert [a["agency_name"] for a in mine["agencies"]] == [
        "广州市人民政府",
        "广州市天河区人民政府",
    ]
    refused = client.get(
        "/api/v1/supervision/dashboard", {**MARCH, "agency": province["transport"].pk}, **city_staff
    )
    assert refused.status_code == 404


def test_overdue_list(client, province, supervision_hall, supervision_now):
    headers = bearer(staff_with("supervisor", province["office"]))
    data = client.get("/api/v1/supervision/overdue", {"limit": 2}, **headers).json()
    assert data["count"] == 5 and len(data["items"]) == 2
    assert (
        data["items"][0]["number"] == supervision_hall["a"].number
    )  # 送达 due Wed 11 Mar: the oldest
    data = client.get("/api/v1/supervision/overdue", {"limit": 10}, **headers).json()
    review = next(i for i in data["items"] if i["rule"] == "service.review")
    assert review["number"] == supervision_hall["d"].number and review["step"] == "办件审查"
    assert review["days_overdue"] > 15 and review["has_open_order"] is False
    other = bearer(staff_with("drafter", province["city"]))
    assert client.get("/api/v1/supervision/overdue", **other).json()["count"] == 0
