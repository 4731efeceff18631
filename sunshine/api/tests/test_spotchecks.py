import pytest

from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories.spotchecks import make_plan

from .utils import bearer

pytestmark = pytest.mark.django_db


def test_public_reads_and_staff_draw(client, check):
    plan = make_plan(check)
    assert client.get("/api/v1/spotchecks").json()["count"] == 0
    assert client.get(f"/api/v1/spotchecks/{plan.pk}").status_code == 404
    assert client.post(f"/api/v1/spotchecks/{plan.pk}/draw").status_code == 401
    other = bearer(issue_api_token(actor=check["env_editor"], name="x")[1])
    assert client.post(f"/api/v1/spotchecks/{plan.pk}/draw", **other).status_code == 404
    mine = bearer(issue_api_token(actor=check["editor"], name="x")[1])
    drawn = client.post(f"/api/v1/spotchecks/{plan.pk}/draw", **mine)
    assert drawn.status_code == 200 and drawn.json()["state"] == "drawn"
    again = client.post(f"/api/v1/spotchecks/{plan.pk}/draw", **mine)
    # drawing twice is a state conflict (409 {"detail"}), as the write API documents
    assert again.status_code == 409 and again.json()["detail"]
    body = client.get(f"/api/v1/spotchecks/{plan.pk}").json()
    assert len(body["targets"]) == 3 and body["targets"][0]["outcome"] is None
    assert body["seed_hex"] and body["inputs"].startswith("{")
    refused = client.post(f"/api/v1/spotchecks/{plan.pk}/publish", **mine)
    assert (
        refused.status_code == 422 and "没有录入检查结果" in refused.json()["errors"]["__all__"][0]
    )
