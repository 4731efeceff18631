"""GET /api/v1/interpretations and /{id}: public, only published interpretations of public
records."""

import pytest

from sunshine.disclosure.interpretations import services
from sunshine.testing.factories.interpretations import interpretation, published_pair
from sunshine.testing.factories.records import make_people, record_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
API = "/api/v1/interpretations"


def test_list_only_public_ones(client, people):
    record, item = published_pair(people)
    interpretation(people, record, ready=True)  # ready after publication: not public
    pending = record_in("signed_off", people, needs_interpretation=True)
    interpretation(people, pending, ready=True)
    _r, withdrawn = published_pair(people)
    services.withdraw_interpretation(
        interpretation=withdrawn, actor=people["approver"], comment="x"
    )
    body = client.get(API).json()
    assert body["count"] == 1
    (only,) = body["items"]
    assert only["id"] == item.pk and only["title"] == item.title
    assert (only["kind"], only["kind_label"]) == ("text", "文字解读")
    assert only["agency_name"] == "广东省人民政府办公厅"
    assert only["url"] == f"/zcjd/{item.pk}/"
    assert only["published_at"].endswith("+08:00")
    assert only["record"]["id"] == record.pk
    assert only["record"]["index_number"] == record.index_number


def test_filters(client, people, province):
    record, text = published_pair(people)
    _r, graphic = published_pair(people, kind="graphic")
    transport_people = make_people(province["transport"])
    _t, theirs = published_pair(transport_people)

    def ids(query):
        return [i["id"] for i in client.get(API + query).json()["items"]]

    assert set(ids("")) == {text.pk, graphic.pk, theirs.pk}
    assert ids(f"?record={record.pk}") == [text.pk]
    assert ids("?kind=graphic") == [graphic.pk]
    assert ids(f"?agency={province['transport'].pk}") == [theirs.pk]
    assert set(ids(f"?agency={province['root'].pk}")) == {text.pk, graphic.pk, theirs.pk}
    assert ids("?limit=1&offset=1") == [sorted([text.pk, graphic.pk, theirs.pk])[1]]
    response = client.get(API + "?agency=999999")
    assert response.status_code == 404 and response.json()["detail"] == "没有该机关。"
    assert client.get(API + "?limit=1000").status_code == 422


def test_detail(client, people):
    _record, item = published_pair(people, kind="graphic")
    body = client.get(f"{API}/{item.pk}").json()
    assert body["body"].startswith("一、出台背景") and body["media_url"] == ""
    (image,) = body["attachments"]
    assert image["kind"] == "png" and image["url"].startswith(f"/zcjd/{item.pk}/files/")
    pending = record_in("signed_off", people)
    hidden = interpretation(people, pending, ready=True)
    response = client.get(f"{API}/{hidden.pk}")
    assert response.status_code == 404
    assert response.json()["detail"] == "该政策解读不存在或尚未发布。"


@pytest.mark.parametrize("rows", [1, 5])
def test_query_count(client, people, rows, django_assert_max_num_queries):
    for _ in range(rows):
        published_pair(people)
    client.get(API)  # the site identity is looked up once, then cached
    with django_assert_max_num_queries(2):
        assert client.get(API).json()["count"] == rows
