"""数据开放 test data: datasets made through the services (create, schema, resources, publish),
tables as CSV/JSON/XLSX bytes. The agencies and staff are the shared fixtures (`transport`,
`officer`, `citizen`, …)."""

from sunshine.opendata.datasets import services
from sunshine.opendata.datasets.tables import csv_bytes, json_bytes, xlsx_bytes

__all__ = ["csv_bytes", "json_bytes", "make_dataset", "metadata", "xlsx_bytes"]

HOLIDAY_FIELDS = [
    {"name": "date", "title": "日期", "type": "date", "description": "公历日期"},
    {"name": "name", "title": "节日", "type": "string", "description": "节假日名称"},
    {"name": "is_off_day", "title": "是否放假", "type": "boolean", "description": "是否休息日"},
    {"name": "year", "title": "年份", "type": "integer", "unit": "年", "description": "年份"},
]
HOLIDAY_ROWS = [
    ["2026-01-01", "元旦", "true", "2026"],
    ["2026-01-02", "元旦", "true", "2026"],
    ["2026-01-04", "元旦", "false", "2026"],
    ["2026-02-15", "春节", "true", "2026"],
    ["2026-02-16", "春节", "true", "2026"],
    ["2026-10-01", "国庆节", "true", "2026"],
]


def metadata(**extra) -> dict:
    return {
        "title": "法定节假日安排",
        "notes": "国务院办公厅每年发布的部分节假日安排，包括放假日期和调休上班日期。",
        "topic": "government",
        "industry": "S",
        "open_class": "unconditional",
        "update_frequency": "yearly",
        "license_id": "CC-BY-4.0",
        "tags": ["节假日", "调休"],
        "contact_name": "数据管理科",
        "contact_email": "data@example.gov.cn",
        "spatial": "广东省",
    } | extra


def make_dataset(
    actor,
    agency,
    *,
    name: str = "holidays",
    fields: list[dict] | None = None,
    rows: list[list] | None = None,
    fmt: str = "CSV",
    publish: bool = True,
    publisher=None,
    **extra,
):
    """A dataset with a schema and one tabular resource, published by `publisher` (default
    `actor`, who then needs both roles; an agency admin has them)."""
    meta = metadata(**extra)
    dataset = services.create_dataset(agency=agency, actor=actor, name=name, **meta)
    if meta["open_class"] == "closed":
        if publish:
            services.publish_dataset(dataset=dataset, actor=publisher or actor)
        dataset.refresh_from_db()
        return dataset
    fields = HOLIDAY_FIELDS if fields is None else fields
    services.set_schema(dataset=dataset, actor=actor, fields=fields)
    header = [f["name"] for f in fields]
    rows = HOLIDAY_ROWS if rows is None else rows
    content = {"CSV": csv_bytes, "JSON": json_bytes, "XLSX": xlsx_bytes}[fmt](header, rows)
    services.add_resource(
        dataset=dataset,
        actor=actor,
        name=f"{meta['title']}（{fmt}）",
        format=fmt,
        content=content,
        filename=f"{name}.{fmt.lower()}",
    )
    if publish:
        services.publish_dataset(dataset=dataset, actor=publisher or actor, note="首次发布")
    dataset.refresh_from_db()
    return dataset
