"""CKAN's envelope and statuses, read as JSON by a plain HTTP client (Django's)."""

import pytest

from sunshine.kernel.accounts.roles import Role
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.opendata import make_dataset

pytestmark = pytest.mark.django_db


def test_success_and_failure_envelopes(client, transport):
    make_dataset(staff_with(Role.AGENCY_ADMIN, transport), transport)
    ok = client.get("/api/3/action/package_list").json()
    assert ok["success"] is True and ok["result"] == ["holidays"]
    assert ok["help"].endswith("/api/3/action/help_show?name=package_list")
    missing = client.get("/api/3/action/package_show?id=nope")
    assert missing.status_code == 404
    assert missing.json()["success"] is False
    assert missing.json()["error"] == {"__type": "Not Found Error", "message": "Not found"}
    invalid = client.get("/api/3/action/package_search?rows=-1")
    assert invalid.status_code == 409 and invalid.json()["error"]["__type"] == "Validation Error"
    unknown = client.get("/api/3/action/package_delete")
    assert unknown.status_code == 400 and unknown.json()["success"] is False
    # The unversioned path (ckanapi's default) is the same API.
    assert client.get("/api/action/package_list").json()["result"] == ["holidays"]
    # help_show gives the action's documentation.
    assert (
        "facet.field" in client.get("/api/3/action/help_show?name=package_search").json()["result"]
    )
    # Bad JSON in a POST body.
    bad = client.post("/api/3/action/package_search", data="{", content_type="application/json")
    assert bad.status_code == 400 and bad.json()["success"] is False
