"""/api/v1/briefings: public list and detail (transcript only once published), staff actions and
the coverage with a token."""

from datetime import UTC, datetime

import pytest

from sunshine.kernel import clock
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.briefings import briefing, public_record

pytestmark = pytest.mark.django_db
API = "/api/v1/briefings"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def bearer(user) -> dict:
    _token, key = issue_api_token(actor=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_public_list_and_detail(client, officer, province):
    with clock.frozen(datetime(2026, 7, 1, tzinfo=UTC)):
        item = briefing(officer, province["transport"], principal=province["transport"])
        held = briefing(officer, province["transport"], state="held", title="已举行")
    body = client.get(API).json()
    assert body["count"] == 2
    detail = client.get(f"{API}/{item.pk}").json()
    assert detail["transcript"].startswith("主持人") and detail["media_links"][0]["kind"] == "video"
    assert detail["speakers"][0]["is_principal_leader"] is True
    assert client.get(f"{API}/{held.pk}").json()["transcript"] == ""


def test_staff_flow_and_coverage(client, officer, province):
    record = public_record(province["transport"])
    headers = bearer(officer)
    with clock.frozen(datetime(2026, 6, 1, tzinfo=UTC)):
        response = client.post(
            API,
            {"agency_id": province["transport"].pk, "kind": "interview", "title": "在线访谈",
             "scheduled_at": "2026-06-10T15:00:00+08:00"},
            content_type="application/json", **headers,
        )  # fmt: skip
        assert response.status_code == 201
        pk = response.json()["id"]
        speakers = [{"name": "李明", "post": "厅长", "agency_id": province["transport"].pk,
                     "is_principal_leader": True}]  # fmt: skip
        client.put(f"{API}/{pk}/speakers", speakers, content_type="application/json", **headers)
        response = client.put(
            f"{API}/{pk}/policies", {"records": [record.index_number]},
            content_type="application/json", **headers,
        )  # fmt: skip
        assert response.json()["policies"][0]["id"] == record.pk
    with clock.frozen(datetime(2026, 6, 11, tzinfo=UTC)):
        client.post(f"{API}/{pk}/held", **headers)
        assert client.post(f"{API}/{pk}/publish", **headers).status_code == 422
        client.put(
            f"{API}/{pk}/record",
            {"transcript": "访谈实录"},
            content_type="application/json",
            **headers,
        )
        assert client.post(f"{API}/{pk}/publish", **headers).json()["state"] == "published"
        rows = client.get(f"{API}/coverage?year=2026", **headers).json()
    assert rows == [
        {"agency_id": province["transport"].pk, "agency_name": province["transport"].name,
         "count": 1, "last_at": "2026-06-10T15:00:00+08:00", "flagged": False}
    ]  # fmt: skip
    other = bearer(staff_with("disclosure_officer", province["county"]))
    assert client.post(f"{API}/{pk}/held", **other).status_code == 404
    assert client.get(f"{API}/coverage").status_code == 401
