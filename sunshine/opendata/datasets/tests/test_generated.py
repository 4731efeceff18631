"""Generated datasets (a registered source's table) and the schema read from a file's header."""

import pytest
from django.core.exceptions import ValidationError

from sunshine.kernel.audit.models import AuditEvent
from sunshine.opendata.datasets import services
from sunshine.opendata.datasets.models import Dataset, ResourceRow
from sunshine.opendata.datasets.sources import SOURCES, DataSource, register_source
from sunshine.testing.factories.opendata import csv_bytes, metadata

pytestmark = pytest.mark.django_db

TABLE = {"rows": [["粤交许〔2026〕1号", "2026-03-02", 2.5]]}


def rows_of(agency):
    return [[*row, agency.name] for row in TABLE["rows"]]


@pytest.fixture
def source():
    TABLE["rows"] = [["粤交许〔2026〕1号", "2026-03-02", 2.5]]
    spec = register_source(
        DataSource(
            key="test-decisions",
            label="测试决定",
            fields=(
                {"name": "doc_number", "title": "文书号", "type": "string"},
                {"name": "decided_on", "title": "决定日期", "type": "date"},
                {"name": "fine", "title": "罚款", "type": "number", "unit": "万元"},
                {"name": "agency", "title": "机关", "type": "string"},
            ),
            rows=rows_of,
            defaults={**metadata(), "title": "测试决定公示", "update_frequency": "daily"},
        )
    )
    yield spec
    SOURCES.remove("test-decisions")


def test_generated_entry_is_built_from_its_source(data_admin, transport, source):
    dataset = services.create_generated_dataset(
        agency=transport, actor=data_admin, source="test-decisions", name="decisions"
    )
    assert dataset.state == "draft" and dataset.source == "test-decisions"
    assert dataset.title == "测试决定公示"
    assert list(dataset.fields.values_list("name", flat=True)) == [
        "doc_number",
        "decided_on",
        "fine",
        "agency",
    ]
    assert sorted(dataset.resources.values_list("format", flat=True)) == ["CSV", "JSON"]
    csv_resource = dataset.resources.get(format="CSV")
    row = ResourceRow.objects.get(resource=csv_resource, rownum=1).data
    assert row == {
        "doc_number": "粤交许〔2026〕1号",
        "decided_on": "2026-03-02",
        "fine": 2.5,
        "agency": "广东省交通运输厅",
    }
    # The CSV has a BOM so that spreadsheet programs read the Chinese text.
    assert csv_resource.attachment.file.open("rb").read().startswith(b"\xef\xbb\xbf")


def test_refresh_writes_only_when_the_table_changed(data_admin, transport, source):
    dataset = services.create_generated_dataset(
        agency=transport, actor=data_admin, source="test-decisions", name="decisions"
    )
    services.publish_dataset(dataset=dataset, actor=data_admin)
    before = set(dataset.resources.values_list("uuid", flat=True))
    assert services.refresh_generated(dataset=dataset, actor=data_admin) is False
    assert set(dataset.resources.values_list("uuid", flat=True)) == before

    TABLE["rows"].append(["粤交罚〔2026〕9号", "2026-03-05", 0.5])
    assert services.refresh_all_generated() == {"changed": 1, "failed": []}
    dataset.refresh_from_db()
    assert dataset.version == 2 and dataset.state == "published"
    assert dataset.versions.get(number=2).note == "数据自动更新"
    assert not set(dataset.resources.values_list("uuid", flat=True)) & before
    assert dataset.resources.get(format="CSV").row_count == 2
    # The daily job acted as the system (no actor), audited.
    assert AuditEvent.objects.filter(
        action="dataset.publish", object_id=str(dataset.pk), actor__isnull=True
    ).exists()


def test_a_source_that_is_gone_is_reported_not_raised(data_admin, transport, source):
    services.create_generated_dataset(
        agency=transport, actor=data_admin, source="test-decisions", name="decisions"
    )
    SOURCES.remove("test-decisions")
    assert services.refresh_all_generated() == {"changed": 0, "failed": ["decisions"]}
    with pytest.raises(ValidationError):
        services.create_generated_dataset(agency=transport, actor=data_admin, source="nope")


def test_first_file_without_schema_gives_the_schema(data_admin, transport):
    dataset = services.create_dataset(
        agency=transport, actor=data_admin, name="roads", **metadata(title="公路里程")
    )
    content = csv_bytes(
        ["city", "km", "share", "opened", "checked_at", "toll"],
        [
            ["广州市", "1200", "12.5", "2020-01-01", "2026-03-01 10:00:00", "是"],
            ["深圳市", "900", "8", "2021-06-30", "2026-03-01T11:30", "否"],
            ["珠海市", "", "3.25", "", "", ""],
        ],
    )
    services.add_resource(
        dataset=dataset, actor=data_admin, name="里程", format="CSV", content=content
    )
    types = dict(dataset.fields.values_list("name", "type"))
    assert types == {
        "city": "string",
        "km": "integer",
        "share": "number",
        "opened": "date",
        "checked_at": "datetime",
        "toll": "boolean",
    }
    rows = ResourceRow.objects.filter(resource__dataset=dataset).order_by("rownum")
    assert rows[0].data["km"] == 1200 and rows[0].data["toll"] is True
    assert rows[2].data["km"] is None
    # Now there is a schema, a file with another column is refused.
    with pytest.raises(ValidationError):
        services.add_resource(
            dataset=dataset,
            actor=data_admin,
            name="x",
            format="CSV",
            content=csv_bytes(["weather"], [["晴"]]),
        )
    assert Dataset.objects.get(pk=dataset.pk).resources.count() == 1
