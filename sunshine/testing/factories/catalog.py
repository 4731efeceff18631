"""Catalogs, items and linked records for tests, made through the services (so permissions,
parsing, stale flags and the audit trail are real)."""

import factory

from sunshine.disclosure.catalog import services
from sunshine.disclosure.catalog.models import Catalog, CatalogItem
from sunshine.kernel import clock

from .kernel import AgencyFactory, staff_with
from .kernel import xlsx_upload as kernel_xlsx_upload
from .records import make_people, record_in

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


class CatalogFactory(factory.django.DjangoModelFactory):
    """The 主动公开基本目录 of `agency` (one per agency: `services.get_or_create_catalog`)."""

    class Meta:
        model = Catalog

    agency = factory.SubFactory(AgencyFactory)
    actor = factory.LazyAttribute(lambda o: staff_with("disclosure_officer", o.agency))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.get_or_create_catalog(**kwargs)


class CatalogItemFactory(factory.django.DjangoModelFactory):
    """An item of `catalog`, created by `actor` (default: a new disclosure officer of the
    catalog's agency) through `services.create_item`."""

    class Meta:
        model = CatalogItem

    catalog = factory.SubFactory(CatalogFactory)
    actor = factory.LazyAttribute(lambda o: staff_with("disclosure_officer", o.catalog.agency))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.create_item(**{**ITEM, **kwargs})


def catalog(people, agency=None, actor=None) -> Catalog:
    agency = agency or people["agency"]
    return CatalogFactory(agency=agency, actor=actor or officer_for(people, agency))


def item(people, cat=None, actor=None, **fields):
    cat = cat or catalog(people)
    return CatalogItemFactory(catalog=cat, actor=actor or officer_for(people, cat.agency), **fields)


def published_record(people, *, title="关于重大建设项目批准结果的公告", when=None, **fields):
    """A public record of the office, published on `when` (a date) or today."""
    if when is None:
        return record_in("published", people, title=title, **fields)
    with clock.frozen(when):
        fields.setdefault("date_written", when)
        return record_in("published", people, title=title, **fields)


def xlsx_upload(rows, name="目录.xlsx", title_row: str | None = None):
    """A catalog XLSX as uploaded (content type left to sniffing), with a title row if given."""
    rows = [[title_row], *rows] if title_row else list(rows)
    return kernel_xlsx_upload(rows, name, content_type="application/octet-stream")
