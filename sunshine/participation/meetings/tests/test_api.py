"""/api/v1/meetings: public list, detail and draw (only public meetings); staff actions with a
token, scoped to the caller's agencies."""

import hashlib

import pytest

from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.meetings import WHEN, drawn_meeting, open_meeting

pytestmark = pytest.mark.django_db
API = "/api/v1/meetings"


def bearer(user) -> dict:
    _token, key = issue_api_token(actor=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_public_list_detail_and_draw(client, officer, province):
    meeting = drawn_meeting(officer, province["transport"])
    from sunshine.participation.meetings import services

    services.create_meeting(
        actor=officer, agency=province["transport"], title="计划中", starts_at=WHEN
    )
    body = client.get(API).json()
    assert body["count"] == 1 and body["items"][0]["url"] == f"/hygk/{meeting.pk}/"
    detail = client.get(f"{API}/{meeting.pk}").json()
    assert {s["category"]: s["seats"] for s in detail["seats"]} == {
        "public": 2,
        "expert": 1,
        "media": 1,
    }
    assert detail["minutes"] == ""
    draw = client.get(f"{API}/{meeting.pk}/draw").json()
    assert hashlib.sha256(draw["canonical_inputs"].encode()).hexdigest() == draw["inputs_digest"]
    assert draw["verify_command"].endswith(f"meeting_draw {meeting.pk} --verify")
    assert len(draw["selected"]["public"]) == 2
    assert client.get(f"{API}/999/draw").status_code == 404


def test_staff_actions_and_scope(client, officer, province):
    headers = bearer(officer)
    response = client.post(
        API,
        {
            "agency_id": province["transport"].pk,
            "title": "",
            "starts_at": "2026-12-10T09:00:00+08:00",
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 422 and "title" in response.json()["errors"]
    response = client.post(
        API,
        {"agency_id": province["transport"].pk, "title": "听证会", "starts_at": "2026-12-10T09:00:00+08:00",
         "publish_modes": ["minutes"]},
        content_type="application/json",
        **headers,
    )  # fmt: skip
    assert response.status_code == 201
    pk = response.json()["id"]
    client.put(
        f"{API}/{pk}/seats", {"seats": {"public": 1}}, content_type="application/json", **headers
    )
    response = client.post(
        f"{API}/{pk}/open", {"announced_number": "7"}, content_type="application/json", **headers
    )
    assert response.json()["state"] == "applications_open"
    other = bearer(staff_with("disclosure_officer", province["county"]))
    assert client.post(f"{API}/{pk}/draw", **other).status_code == 404
    assert client.post(f"{API}/{pk}/draw").status_code == 401
    response = client.post(f"{API}/{pk}/draw", **headers)
    assert response.status_code == 200 and response.json()["selected"]["public"] == []
    assert client.get(f"{API}/{pk}/applications", **headers).json() == []


def test_open_meeting_api_lists_applications_for_staff(client, officer, province):
    meeting = open_meeting(officer, province["transport"], {"public": 2})
    from sunshine.testing.factories.meetings import apply_many

    apply_many(meeting, "public", 2)
    rows = client.get(f"{API}/{meeting.pk}/applications", **bearer(officer)).json()
    assert [r["contact"][:7] for r in rows] == ["1380000", "1380000"]
