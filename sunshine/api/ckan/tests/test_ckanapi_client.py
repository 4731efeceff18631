"""The real CKAN client (ckanapi, from the registry) against our /api/3/action/ on a live
server: what a CKAN harvester or script does, unchanged."""

import datetime as dt

import ckanapi
import pytest

from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.opendata.datasets import services
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.opendata import make_dataset

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalog(transport, province):
    admin = staff_with(Role.AGENCY_ADMIN, transport)
    office_admin = staff_with(Role.AGENCY_ADMIN, province["office"])
    holidays = make_dataset(admin, transport, name="holidays", tags=["节假日", "调休"])
    make_dataset(
        admin,
        transport,
        name="roads",
        title="公路里程统计",
        notes="全省公路通车里程，按行政等级和技术等级分列，每年更新。",
        topic="transport",
        fmt="JSON",
        tags=["交通", "公路"],
    )
    make_dataset(
        office_admin,
        province["office"],
        name="policy-index",
        title="政策文件索引",
        notes="省政府及办公厅印发的政策文件目录：文号、标题、成文日期和发布日期。",
        tags=["政策文件"],
        fmt="XLSX",
    )
    make_dataset(
        admin,
        transport,
        name="messages-detail",
        title="网民留言明细",
        open_class="conditional",
        open_conditions="仅用于科研和公益用途",
    )
    make_dataset(
        admin,
        transport,
        name="draft-only",
        title="未发布的数据",
        publish=False,
    )
    return {"admin": admin, "holidays": holidays}


@pytest.fixture
def ckan(live_server):
    return ckanapi.RemoteCKAN(live_server.url, user_agent="sunshine-tests/1.0")


def test_package_list_and_show(catalog, ckan):
    assert ckan.action.package_list() == ["holidays", "messages-detail", "policy-index", "roads"]
    package = ckan.action.package_show(id="holidays")
    assert package["title"] == "法定节假日安排"
    assert package["organization"]["title"] == "广东省交通运输厅"
    assert [t["name"] for t in package["tags"]] == ["节假日", "调休"]
    assert package["num_resources"] == 1
    resource = package["resources"][0]
    assert resource["format"] == "CSV" and resource["datastore_active"] is True
    extras = {e["key"]: e["value"] for e in package["extras"]}
    assert extras["open_class"] == "unconditional" and extras["update_frequency"] == "yearly"
    # The same by id; the resource by its id.
    assert ckan.action.package_show(id=package["id"])["name"] == "holidays"
    assert ckan.action.resource_show(id=resource["id"])["package_id"] == package["id"]
    # GET works as well as ckanapi's POST (what curl and browsers send).
    get_only = ckanapi.RemoteCKAN(ckan.address, get_only=True)
    assert get_only.action.package_show(id="roads")["title"] == "公路里程统计"


def test_not_found_and_validation_are_ckans_errors(catalog, ckan):
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id="no-such-dataset")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id="draft-only")  # drafts are not public
    with pytest.raises(ckanapi.NotFound):
        ckan.action.organization_show(id="nobody")
    with pytest.raises(ckanapi.NotFound):
        ckan.action.resource_show(id="3f1e1c1a-0000-4000-8000-000000000000")
    with pytest.raises(ckanapi.ValidationError):
        ckan.action.package_show()  # id missing
    with pytest.raises(ckanapi.SearchQueryError):
        ckan.action.package_search(fq="nosuchfield:x")


def test_package_search_q_fq_rows_start_sort_facets(catalog, ckan):
    everything = ckan.action.package_search(rows=0)
    assert everything["count"] == 4 and everything["results"] == []
    found = ckan.action.package_search(
        q="公路", facet="true", **{"facet.field": '["organization", "tags", "res_format"]'}
    )
    assert [p["name"] for p in found["results"]] == ["roads"]
    assert found["search_facets"]["res_format"]["items"] == [
        {"name": "JSON", "display_name": "JSON", "count": 1}
    ]
    office = ckan.action.package_search(fq="organization:" + office_org(ckan))
    assert [p["name"] for p in office["results"]] == ["policy-index"]
    tagged = ckan.action.package_search(fq="tags:节假日 res_format:CSV")
    assert {p["name"] for p in tagged["results"]} == {"holidays", "messages-detail"}
    unconditional = ckan.action.package_search(fq="tags:节假日 -open_class:conditional")
    assert [p["name"] for p in unconditional["results"]] == ["holidays"]
    by_name = ckan.action.package_search(sort="name asc", rows=2, start=1)
    assert [p["name"] for p in by_name["results"]] == ["messages-detail", "policy-index"]
    assert by_name["count"] == 4
    facets = ckan.action.package_search(**{"facet.field": ["groups", "open_class"]})["facets"]
    assert facets["open_class"] == {"unconditional": 3, "conditional": 1}


def office_org(ckan):
    orgs = ckan.action.organization_list(all_fields=True)
    return next(o["name"] for o in orgs if o["title"] == "广东省人民政府办公厅")


def test_organizations_groups_tags(catalog, ckan):
    orgs = ckan.action.organization_list(all_fields=True, sort="package_count desc")
    assert [(o["title"], o["package_count"]) for o in orgs] == [
        ("广东省交通运输厅", 3),
        ("广东省人民政府办公厅", 1),
    ]
    names = ckan.action.organization_list()
    assert set(names) == {o["name"] for o in orgs}
    shown = ckan.action.organization_show(id=orgs[0]["name"], include_datasets=True)
    assert shown["package_count"] == 3 and len(shown["packages"]) == 3
    assert ckan.action.group_list() == ["transport", "government"]
    assert ckan.action.tag_list(query="公") == ["公路"]
    assert "节假日" in ckan.action.tag_list()


def test_datastore_search(catalog, ckan):
    resource_id = ckan.action.package_show(id="holidays")["resources"][0]["id"]
    page = ckan.action.datastore_search(resource_id=resource_id, limit=2, offset=1)
    assert page["total"] == 6
    assert [r["_id"] for r in page["records"]] == [2, 3]
    assert [f["id"] for f in page["fields"]] == ["_id", "date", "name", "is_off_day", "year"]
    assert page["fields"][4]["type"] == "int"
    filtered = ckan.action.datastore_search(resource_id=resource_id, filters={"name": "春节"})
    assert filtered["total"] == 2 and {r["date"] for r in filtered["records"]} == {
        "2026-02-15",
        "2026-02-16",
    }
    assert ckan.action.datastore_search(resource_id=resource_id, q="国庆")["total"] == 1
    # CKAN 2.9's total_estimation_threshold: two filters, an estimate above 1 row.
    estimated = ckan.action.datastore_search(
        resource_id=resource_id,
        filters={"name": "元旦", "is_off_day": True},
        total_estimation_threshold=1,
    )
    assert estimated["total_was_estimated"] is True
    assert [r["date"] for r in estimated["records"]] == ["2026-01-01", "2026-01-02"]
    with pytest.raises(ckanapi.ValidationError):
        ckan.action.datastore_search(resource_id=resource_id, filters={"weather": "晴"})


def test_conditional_datastore_needs_a_granted_key(catalog, ckan, citizen):
    package = ckan.action.package_show(id="messages-detail")  # metadata is public
    resource_id = package["resources"][0]["id"]
    with pytest.raises(ckanapi.NotAuthorized):
        ckan.action.datastore_search(resource_id=resource_id)
    dataset = catalog["holidays"].__class__.objects.get(name="messages-detail")
    application = services.submit_application(
        dataset=dataset,
        applicant=citizen,
        purpose="研究网民留言的办理时效和满意度。",
        use_scenario="校内统计分析，只发表汇总结果。",
        security_measures="内网服务器存放，专人管理，用后销毁。",
    )
    grant = services.approve_application(
        application=application,
        actor=catalog["admin"],
        terms="仅限科研",
        expires_on=clock.today() + dt.timedelta(days=90),
    )
    key = services.issue_key(grant=grant, actor=citizen)
    keyed = ckanapi.RemoteCKAN(ckan.address, apikey=key)
    assert keyed.action.datastore_search(resource_id=resource_id)["total"] == 6
    services.revoke_grant(grant=grant, actor=catalog["admin"], reason="违反使用条件")
    with pytest.raises(ckanapi.NotAuthorized):
        keyed.action.datastore_search(resource_id=resource_id)
