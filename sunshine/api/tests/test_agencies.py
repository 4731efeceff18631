import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_list_is_the_tree_in_order(client, province):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/agencies")
    assert response.status_code == 200
    names = [a["name"] for a in response.json()]
    assert names.index("广州市人民政府") < names.index("广州市天河区人民政府")
    assert names[0] == "广东省人民政府"
    assert len(names) == 5
    # (the site of the request is read with its agency: not this list's query)
    api_queries = [q for q in queries.captured_queries if 'FROM "orgs_agency"' in q["sql"]]
    assert len(api_queries) == 1  # region joined, no N+1


def test_fields(client, province):
    county = province["county"]
    body = client.get(f"/api/v1/agencies/{county.pk}").json()
    assert body["parent_id"] == province["city"].pk
    assert body["region_code"] == "440106"
    assert body["region_name"] == "天河区"
    assert body["kind"] == "government"
    assert body["kind_label"] == "人民政府"
    assert body["credit_code"] == county.credit_code
    assert body["org_code"] == county.org_code
    assert body["doc_prefix"] == county.doc_prefix
    assert body["short_name"] == county.short_name


def test_filter_by_parent(client, province):
    body = client.get(f"/api/v1/agencies?parent={province['root'].pk}").json()
    assert {a["name"] for a in body} == {
        "广东省人民政府办公厅",
        "广东省交通运输厅",
        "广州市人民政府",
    }


def test_inactive_agency_is_not_public(client, province):
    county = province["county"]
    county.is_active = False
    county.save(update_fields=["is_active"])
    assert client.get(f"/api/v1/agencies/{county.pk}").status_code == 404
    names = [a["name"] for a in client.get("/api/v1/agencies").json()]
    assert "广州市天河区人民政府" not in names


def test_unknown_agency_is_404_json(client, db):
    response = client.get("/api/v1/agencies/999999")
    assert response.status_code == 404
    assert response.json()["detail"] == "未找到请求的资源。"


def test_bad_parent_is_422(client, db):
    response = client.get("/api/v1/agencies?parent=abc")
    assert response.status_code == 422
    assert "parent" in response.json()["message"]
