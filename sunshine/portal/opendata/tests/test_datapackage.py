"""`/sjkf/<name>/datapackage.json`: a Frictionless Data Package per published dataset, validated
with the `frictionless` library against a live server (it downloads the files through the
package's paths and checks every row against the Table Schema made from the 字段说明)."""

import frictionless
import pytest

from sunshine.opendata.datasets import services
from sunshine.testing.factories.opendata import make_dataset

MIXED_FIELDS = [
    {"name": "code", "title": "编码", "type": "string"},
    {"name": "amount", "title": "金额", "type": "number", "unit": "万元"},
    {"name": "at", "title": "时间", "type": "datetime"},
    {"name": "open", "title": "是否开放", "type": "boolean"},
]
MIXED_ROWS = [
    ["A01", "12.5", "2026-03-01 08:30", "是"],
    ["A02", "7", "2026-03-02T09:00:00", "否"],
    ["A03", "", "", "true"],
]


@pytest.mark.django_db(transaction=True)
def test_csv_and_xlsx_packages_validate_with_frictionless(live_server, data_admin, transport):
    make_dataset(data_admin, transport, name="holidays")
    make_dataset(data_admin, transport, name="policy-index", title="政策文件索引", fmt="XLSX")
    make_dataset(
        data_admin,
        transport,
        name="budget-items",
        title="预算项目",
        fields=MIXED_FIELDS,
        rows=MIXED_ROWS,
    )
    for name, fmt in (("holidays", "csv"), ("policy-index", "xlsx"), ("budget-items", "csv")):
        url = f"{live_server.url}/sjkf/{name}/datapackage.json"
        report = frictionless.validate(url)
        assert report.valid, report.flatten(["rowNumber", "fieldNumber", "type", "note"])
        assert report.stats["tasks"] == 1
        package = frictionless.Package(url)
        resource = package.resources[0]
        assert resource.format == fmt
        assert resource.path.startswith(f"{live_server.url}/sjkf/{name}/r/")
        rows = resource.read_rows()
        assert len(rows) == (3 if name == "budget-items" else 6)
        if name == "holidays":
            assert [f.name for f in resource.schema.fields] == [
                "date",
                "name",
                "is_off_day",
                "year",
            ]
            assert rows[0]["year"] == 2026 and rows[2]["is_off_day"] is False
            assert package.licenses[0]["name"] == "CC-BY-4.0"
        if name == "budget-items":
            assert rows[0]["open"] is True and rows[1]["open"] is False
            assert float(rows[0]["amount"]) == 12.5
            assert resource.schema.get_field("amount").to_dict()["unit"] == "万元"


@pytest.mark.django_db
def test_package_metadata_links_and_refusals(client, datasets, data_admin):
    package = client.get("/sjkf/holidays/datapackage.json").json()
    assert package["name"] == "holidays" and package["profile"] == "tabular-data-package"
    assert package["title"] == "法定节假日安排" and package["keywords"] == ["节假日", "调休"]
    assert package["contributors"][0] == {"title": "广东省交通运输厅", "role": "publisher"}
    (resource,) = package["resources"]
    assert resource["hash"] == "sha256:" + datasets["open"].resources.get().sha256
    assert resource["schema"]["fields"][3] == {
        "name": "year",
        "type": "integer",
        "title": "年份",
        "description": "年份",
        "unit": "年",
    }
    # package_show links it among the extras.
    show = client.get("/api/3/action/package_show?id=holidays").json()["result"]
    extras = {e["key"]: e["value"] for e in show["extras"]}
    assert extras["datapackage_url"] == "http://testserver/sjkf/holidays/datapackage.json"
    # A 有条件开放 package says the files need a grant; 不予开放 has none; a draft is not public.
    conditional = client.get("/sjkf/messages-detail/datapackage.json").json()
    assert conditional["sunshine:access"] == "仅用于科研和公益用途"
    assert client.get("/sjkf/vehicle-owners/datapackage.json").status_code == 404
    services.withdraw_dataset(dataset=datasets["open"], actor=data_admin, reason="数据有误")
    assert client.get("/sjkf/holidays/datapackage.json").status_code == 404
    # Linked from the dataset page (not for the 不予开放 entry).
    page = client.get("/sjkf/messages-detail/").content.decode()
    assert 'href="/sjkf/messages-detail/datapackage.json"' in page
    assert "datapackage.json" not in client.get("/sjkf/vehicle-owners/").content.decode()
