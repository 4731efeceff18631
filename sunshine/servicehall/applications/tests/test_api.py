import pytest

from sunshine.kernel.accounts.services import issue_api_token
from sunshine.servicehall.applications.models import ServiceApplication
from sunshine.testing.factories.applications import apply

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _token, key = issue_api_token(actor=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_public_items_list_detail_search(client, application_hall):
    item = application_hall["item"]
    data = client.get("/api/v1/services/items").json()
    assert data["count"] == 1 and data["items"][0]["code"] == item.code
    detail = client.get(f"/api/v1/services/items/{item.code}").json()
    assert detail["basis"] and detail["materials"][0]["templates"][0]["url"].endswith("/")
    assert client.get("/api/v1/services/items", {"q": "旅客运输"}).json()["count"] == 1
    assert client.get("/api/v1/services/items", {"q": "教师"}).json()["count"] == 0
    assert client.get("/api/v1/services/items/NOPE").status_code == 404


def test_applicant_sees_own_applications_with_timeline(client, application_hall):
    mine, other = apply(application_hall["item"]), apply(application_hall["item"])
    assert client.get("/api/v1/services/my/applications").status_code == 401
    client.force_login(mine.applicant)
    data = client.get("/api/v1/services/my/applications").json()
    assert [a["number"] for a in data["items"]] == [mine.number]
    assert client.get(f"/api/v1/services/my/applications/{other.number}").status_code == 404
    detail = client.get(f"/api/v1/services/my/applications/{mine.number}").json()
    assert detail["timeline"][0]["key"] == "submitted"


def test_staff_queue_and_steps(client, application_hall):
    app = apply(application_hall["item"])
    headers = bearer(application_hall["drafter"])
    data = client.get("/api/v1/services/applications", **headers).json()
    assert data["items"][0]["number"] == app.number
    assert data["items"][0]["step_urgency"] == "due_soon"
    url = f"/api/v1/services/applications/{app.pk}/steps/request_correction"
    response = client.post(url, {"missing": []}, content_type="application/json", **headers)
    assert response.status_code == 422
    response = client.post(
        url, {"missing": ["营业执照副本"]}, content_type="application/json", **headers
    )
    assert response.status_code == 200 and response.json()["state"] == "correction"
    outsider = bearer(application_hall["outsider"])
    assert client.get("/api/v1/services/applications", **outsider).json()["count"] == 0
    response = client.post(
        f"/api/v1/services/applications/{app.pk}/steps/accept",
        {}, content_type="application/json", **outsider,
    )  # fmt: skip
    assert response.status_code == 404
    assert ServiceApplication.objects.get().state == "correction"
