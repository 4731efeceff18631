"""Catalogs, items and linked records for tests, made through the services (so permissions,
parsing, stale flags and the audit trail are real)."""

import io

from openpyxl import Workbook

from sunshine.disclosure.catalog import services
from sunshine.disclosure.catalog.models import Catalog
from sunshine.disclosure.records.tests.factories import advance, draft, make_people
from sunshine.kernel import clock
from sunshine.kernel.files.testing import upload
from sunshine.testing.factories import staff_with

ITEM = {
    "number": "1",
    "category": "重大建设项目",
    "subcategory": "批准服务信息",
    "content": "申报要求、申报材料清单、批准结果",
    "basis": "《政府信息公开条例》《企业投资项目核准和备案管理条例》",
    "time_limit": "信息形成或变更之日起20个工作日内",
    "subject": "广东省人民政府办公厅",
    "channels": ["website", "gazette"],
    "audience": "public",
    "mode": "proactive",
    "levels": ["city", "county"],
}


def catalog_people(province) -> dict:
    """The office (办公厅) with its records staff and disclosure officer, the transport
    department with its own officer, and a supervisor over all."""
    people = make_people(
        province["office"], other_agency=province["transport"], root=province["root"]
    )
    people["province"] = province
    people["other_officer"] = staff_with("disclosure_officer", province["transport"])
    people["admin"] = staff_with("agency_admin", province["office"])
    return people


def officer_for(people, agency):
    return people["officer"] if agency == people["agency"] else people["other_officer"]


def catalog(people, agency=None, actor=None) -> Catalog:
    agency = agency or people["agency"]
    actor = actor or officer_for(people, agency)
    return services.get_or_create_catalog(agency=agency, actor=actor)


def item(people, cat=None, actor=None, **fields):
    cat = cat or catalog(people)
    values = {**ITEM, **fields}
    actor = actor or officer_for(people, cat.agency)
    return services.create_item(catalog=cat, actor=actor, **values)


def published_record(people, *, title="关于重大建设项目批准结果的公告", when=None, **fields):
    """A public record of the office, published on `when` (a date) or today."""
    if when is None:
        return advance(draft(people, title=title, **fields), people, "published")
    with clock.frozen(when):
        fields.setdefault("date_written", when)
        return advance(draft(people, title=title, **fields), people, "published")


def xlsx_upload(rows, name="目录.xlsx", title_row: str | None = None):
    book = Workbook()
    sheet = book.active
    if title_row:
        sheet.append([title_row])
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return upload(name, out.getvalue())
