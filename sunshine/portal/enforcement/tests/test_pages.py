"""行政执法公示 on the portal and the API: list with filters, the Atom feed, the staff API flow."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from sunshine.governance.enforcement import services
from sunshine.kernel.accounts.services import issue_api_token
from sunshine.testing.factories.enforcement import license_data, penalty_data

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _published(gov, data, agency="market", editor="editor"):
    d = services.register(actor=gov[editor], agency=gov[agency], **data)
    services.decide(actor=gov[editor], decision=d, decided_on=dt.date.today())
    return services.publish(actor=gov[editor], decision=d)


def test_list_filters_detail_and_feed(client, gov):
    lic = _published(
        gov, license_data("粤市监许〔2026〕1号", "食品经营许可", "广州禾丰餐饮有限公司", n=1)
    )
    pen = _published(gov, penalty_data("粤环罚〔2026〕2号", "超标排放案", n=2), "env", "env_editor")
    services.register(actor=gov["editor"], agency=gov["market"], **license_data("未决定", n=3))
    html = client.get(reverse("portal:enforcement_list")).content.decode()
    assert "食品经营许可" in html and "超标排放案" in html and "未决定" not in html
    html = client.get(reverse("portal:enforcement_list"), {"kind": "penalty"}).content.decode()
    assert "超标排放案" in html and "食品经营许可" not in html
    html = client.get(
        reverse("portal:enforcement_list"), {"agency": gov["market"].pk}
    ).content.decode()
    assert "食品经营许可" in html and "超标排放案" not in html
    html = client.get(reverse("portal:enforcement_list"), {"q": lic.credit_code}).content.decode()
    assert "食品经营许可" in html and "超标排放案" not in html
    assert client.get(reverse("portal:enforcement_detail", args=[999999])).status_code == 404
    feed = client.get(reverse("portal:enforcement_feed"))
    assert feed["Content-Type"].startswith("application/xml")
    titles = [e.findtext(f"{ATOM}title") for e in ET.fromstring(feed.content).iter(f"{ATOM}entry")]
    assert len(titles) == 2 and any("超标排放案" in t for t in titles)
    assert pen.pk


def test_api_public_and_staff_flow(client, gov):
    _published(gov, license_data("粤市监许〔2026〕5号", n=5))
    body = client.get("/api/v1/enforcement", {"kind": "license"}).json()
    assert body["count"] == 1 and body["items"][0]["kind_label"] == "行政许可"
    headers = {
        "HTTP_AUTHORIZATION": f"Bearer {issue_api_token(actor=gov['editor'], name='执法系统')[1]}"
    }
    payload = penalty_data("粤市监罚〔2026〕6号", n=6) | {"agency_id": gov["market"].pk}
    created = client.post(
        "/api/v1/enforcement/staff", payload, content_type="application/json", **headers
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    bad = client.post(
        "/api/v1/enforcement/staff", payload, content_type="application/json", **headers
    )
    assert bad.status_code == 422 and "doc_number" in bad.json()["errors"]
    url = f"/api/v1/enforcement/staff/{pk}/transition"
    future = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    refused = client.post(
        url, {"action": "decide", "decided_on": future}, content_type="application/json", **headers
    )
    assert refused.status_code == 422
    ok = client.post(url, {"action": "decide", "decided_on": dt.date.today().isoformat()},
                     content_type="application/json", **headers)  # fmt: skip
    assert ok.status_code == 200 and ok.json()["state"] == "decided"
    ok = client.post(url, {"action": "publish"}, content_type="application/json", **headers)
    assert ok.json()["state"] == "published" and ok.json()["published_late"] is False
    assert client.get(f"/api/v1/enforcement/{pk}").status_code == 200
    other = {
        "HTTP_AUTHORIZATION": f"Bearer {issue_api_token(actor=gov['env_editor'], name='x')[1]}"
    }
    assert client.get(f"/api/v1/enforcement/staff/{pk}", **other).status_code == 404
    assert (
        client.post(
            "/api/v1/enforcement/staff", payload, content_type="application/json"
        ).status_code
        == 401
    )
