"""GET /api/v1/search: public, the same results as the /search/ page, as JSON."""

import pytest

pytestmark = pytest.mark.django_db


def get(client, api, **params):
    response = client.get(api, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_hits_total_and_facets(client, api, docs, province):
    data = get(client, api, q="阳光政务")
    assert data["total"] == 1 and data["page"] == 1 and data["num_pages"] == 1
    hit = data["hits"][0]
    seed = docs[0]
    assert hit["title"] == seed.title and "<mark>阳光政务</mark>" in hit["title_html"]
    assert "<mark>阳光政务</mark>" in hit["snippet"]
    assert hit["url"] == f"http://testserver/zcwj/{seed.pk}/"
    assert (hit["doc_number"], hit["index_number"]) == ("粤府办〔2016〕1号", seed.index_number)
    assert hit["agency"] == "广东省人民政府办公厅" and hit["date"] == "2016-12-15"
    assert (hit["type"], hit["type_label"], hit["id"]) == ("record", "政府信息", str(seed.pk))
    assert data["facets"]["topic"] == [{"value": "general", "label": "综合政务", "count": 1}]
    assert data["facets"]["agency"][0]["value"] == str(province["office"].pk)


def test_filters_doc_numbers_sort_and_pages(client, api, docs, province):
    office = province["office"].pk
    assert get(client, api, q="广东省", agency=office)["total"] == 3
    assert get(client, api, q="广东省", year=2017)["total"] == 1
    assert get(client, api, q="广东省", topic="industry", kind="notice")["total"] == 1
    assert get(client, api, q="广东省", validity="repealed")["total"] == 0
    assert get(client, api, within=province["root"].pk)["total"] == 4
    prefix = get(client, api, q="粤府办[2016]")
    assert prefix["total"] == 2 and all(h["exact"] for h in prefix["hits"])
    assert [h["id"] for h in get(client, api, q="粤府办〔2016〕2号")["hits"]] == [str(docs[1].pk)]
    newest = get(client, api, q="广东省", sort="date", per_page=2)
    assert [h["id"] for h in newest["hits"]] == [str(docs[2].pk), str(docs[0].pk)]
    assert newest["num_pages"] == 2
    second = get(client, api, q="广东省", sort="date", per_page=2, page=2)
    assert [h["id"] for h in second["hits"]] == [str(docs[3].pk), str(docs[1].pk)]


def test_empty_results_suggestion_and_bad_parameters(client, api, docs):
    data = get(client, api, q="阳光政务 火星")
    assert (data["total"], data["hits"], data["suggestion"]) == (0, [], "阳光政务")
    assert client.get(api, {"sort": "best"}).status_code == 422
    assert client.get(api, {"page": 0}).status_code == 422
    assert client.get(api, {"per_page": 500}).status_code == 422
    listing = get(client, api)  # no query: newest first
    assert listing["total"] == 4 and listing["sort"] == "date"
