"""GET /api/v1/gazette, /{year}/{number}, /articles/{id}: public, published issues only.
Through HTTP (the domain's tests do not import the API layer)."""

import pytest

from sunshine.disclosure.gazette import historical, services
from sunshine.disclosure.records import services as record_services
from sunshine.testing.factories.gazette import make_issue

pytestmark = pytest.mark.usefixtures("media")  # stored files go to a temporary MEDIA_ROOT

API = "/api/v1/gazette"


class Api:
    def __init__(self, client):
        self.client = client

    def get(self, path: str = "", **params):
        return self.client.get(API + path, params)


@pytest.fixture
def api(client, db):
    if client.get(API).status_code == 404:
        pytest.skip('the gazette router is not mounted: ROUTERS needs ("/gazette", gazette.router)')
    return Api(client)


def test_issues_and_contents(api, gazette_people, gazette_records, gazette_issue):
    for record in gazette_records:
        services.add_record(issue=gazette_issue, record=record, actor=gazette_people["editor"])
    make_issue(gazette_people, number=2)  # draft
    assert api.get().json() == {"count": 0, "items": []}
    services.publish_issue(issue=gazette_issue, actor=gazette_people["office_approver"])
    old = make_issue(gazette_people, year=2025, number=7, historical=True)
    text = historical.add_text_article(
        issue=old,
        actor=gazette_people["editor"],
        title="关于某事项的通知",
        body="正文一。\n正文二。",
    )
    services.publish_issue(issue=old, actor=gazette_people["office_approver"])

    listing = api.get().json()
    assert listing["count"] == 2
    first = listing["items"][0]
    assert (first["year"], first["number"], first["label"]) == (2026, 1, "2026年第1期")
    assert first["title"] == "广东省人民政府公报 2026年第1期"
    assert first["url"] == "/gb/2026/1/" and first["pdf_url"] == ""
    assert first["published_at"].endswith("+08:00")
    assert api.get(year=2025).json()["items"][0]["number"] == 7

    record_services.withdraw(
        record=gazette_records[1], actor=gazette_people["approver"], comment="撤回"
    )
    detail = api.get("/2026/1").json()
    assert [a["record_id"] for a in detail["articles"]] == [gazette_records[0].pk]
    assert detail["articles"][0]["url"] == f"/zcwj/{gazette_records[0].pk}/"
    assert detail["articles"][0]["doc_number"] == "粤府办〔2026〕1号"
    assert detail["articles"][0]["section"] == "省政府办公厅文件"
    assert detail["agency_name"] == "广东省人民政府办公厅"

    article = api.get(f"/articles/{text.pk}").json()
    assert article["body"] == "正文一。\n正文二。" and article["issue"]["number"] == 7
    assert api.get("/2026/2").status_code == 404
    assert api.get("/articles/999999").status_code == 404
