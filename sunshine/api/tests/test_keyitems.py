import datetime as dt

import pytest

from sunshine.governance.keyitems import services
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.kernel.clock import frozen
from sunshine.testing.factories.keyitems import keyitem_people, make_project, submitted_to

from .utils import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def kp(province):
    return keyitem_people(province)


def test_public_reads(client, kp):
    with frozen(dt.date(2026, 12, 1)):
        item = services.submit_item(actor=kp["editor"], item=make_project(kp))
        services.record_spending(actor=kp["editor"], item=item, spent_on=dt.date(2026, 11, 2),
                                 amount="1000", purpose="测试")  # fmt: skip
    hidden = make_project(kp, title="登记中")
    body = client.get("/api/v1/keyitems").json()
    assert body["count"] == 1 and body["items"][0]["kind_label"] == "重大项目"
    one = client.get(f"/api/v1/keyitems/{item.pk}").json()
    assert one["spent"] in ("1000.00", 1000.0, "1000") and one["spendings"][0]["purpose"] == "测试"
    assert client.get(f"/api/v1/keyitems/{hidden.pk}").status_code == 404
    assert client.get("/api/v1/keyitems/spending-summary").json() == []


def test_staff_cross_check_return_and_sign_off(client, kp):
    item = submitted_to(kp, make_project(kp))
    url = f"/api/v1/keyitems/{item.pk}/crosscheck"
    assert client.post(f"{url}/return", {}, content_type="application/json").status_code == 401
    own = bearer(issue_api_token(actor=kp["own_checker"], name="x")[1])
    refused = client.post(
        f"{url}/sign-off", {"findings": "同意"}, content_type="application/json", **own
    )
    assert refused.status_code == 403
    checker = bearer(issue_api_token(actor=kp["checker"], name="x")[1])
    bad = client.post(f"{url}/return", {"reasons": ""}, content_type="application/json", **checker)
    assert bad.status_code == 422 and "reasons" in bad.json()["errors"]
    back = client.post(f"{url}/return", {"reasons": "缺可研批复"}, content_type="application/json",
                       **checker)  # fmt: skip
    assert back.status_code == 200 and back.json()["state"] == "returned"
    editor = bearer(issue_api_token(actor=kp["editor"], name="x")[1])
    again = client.post(f"/api/v1/keyitems/{item.pk}/submit", **editor)
    assert again.json()["state"] == "checking"
    ok = client.post(f"{url}/sign-off", {"findings": "同意"}, content_type="application/json",
                     **checker)  # fmt: skip
    assert ok.json()["state"] == "in_progress"
    assert [c["state"] for c in ok.json()["crosschecks"]] == ["returned", "signed_off"]
    supervisor = bearer(issue_api_token(actor=kp["supervisor"], name="x")[1])
    rows = client.get("/api/v1/keyitems/dashboard", **supervisor).json()
    assert rows[0]["id"] == item.pk and rows[0]["check_pending"] is False
