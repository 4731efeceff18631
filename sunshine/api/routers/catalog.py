"""主动公开基本目录: the agencies' catalogs, for anyone. Only active items are listed, and of
the records linked to an item only the public ones (published 主动公开) — what the catalog's
public selectors return."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from sunshine.disclosure.catalog.choices import Channel, Level
from sunshine.disclosure.catalog.selectors import (
    public_catalog,
    public_catalogs,
    public_items,
    time_limit_rule,
)

from ..errors import NotFound
from ..links import portal_url

router = Router(tags=["catalog"])


class Choice(Schema):
    code: str
    label: str


class TimeLimitRule(Schema):
    kind: str  # none, event, yearly, half_yearly, quarterly, monthly
    unit: str  # wd, days, months, "" (event length, or offset after a period's end)
    length: int | None
    month: int | None
    day: int | None  # 31 = the end of the month
    description: str


class CatalogSummary(Schema):
    agency_id: int
    agency_name: str
    item_count: int
    reviewed_at: dt.datetime | None
    updated_at: dt.datetime
    url: str

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_reviewed_at(obj):
        return timezone.localtime(obj.reviewed_at) if obj.reviewed_at else None

    @staticmethod
    def resolve_updated_at(obj):
        return timezone.localtime(obj.updated_at)

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("catalog_detail", obj.agency_id)


class CatalogItemOut(Schema):
    id: int
    number: str
    category: str
    subcategory: str
    content: str
    basis: str
    time_limit: str
    time_limit_rule: TimeLimitRule
    subject: str
    channels: list[Choice]
    audience: Choice
    mode: Choice
    levels: list[Choice]
    records: list[int]  # ids of the linked public records (GET /api/v1/records/{id})

    @staticmethod
    def resolve_time_limit_rule(obj) -> dict:
        rule = time_limit_rule(obj)
        return {
            "kind": rule.kind,
            "unit": rule.unit,
            "length": rule.length,
            "month": rule.month,
            "day": rule.day,
            "description": rule.describe(),
        }

    @staticmethod
    def resolve_channels(obj) -> list[dict]:
        labels = dict(Channel.choices)
        return [{"code": c, "label": str(labels[c])} for c in obj.channels if c in labels]

    @staticmethod
    def resolve_levels(obj) -> list[dict]:
        labels = dict(Level.choices)
        return [{"code": c, "label": str(labels[c])} for c in obj.levels if c in labels]

    @staticmethod
    def resolve_audience(obj) -> dict:
        return {"code": obj.audience, "label": str(obj.get_audience_display())}

    @staticmethod
    def resolve_mode(obj) -> dict:
        return {"code": obj.mode, "label": str(obj.get_mode_display())}

    @staticmethod
    def resolve_records(obj) -> list[int]:
        return [r.pk for r in obj.public_records]


class CatalogOut(CatalogSummary):
    next_review_due: dt.date | None
    items: list[CatalogItemOut]

    @staticmethod
    def resolve_items(obj) -> list:
        return obj.public_item_list


@router.get("", response=list[CatalogSummary], summary="主动公开基本目录列表")
def list_catalogs(request):
    """The agencies that publish a catalog (with at least one item), in agency-tree order."""
    return list(public_catalogs())


@router.get("/{int:agency_id}", response=CatalogOut, summary="机关的主动公开基本目录")
def get_catalog(request, agency_id: int):
    """One agency's catalog: its active items in order, each with its channels, levels, the
    rule read from its 公开时限, and the ids of the public records that fulfil it."""
    catalog = public_catalog(agency_id)
    if catalog is None:
        raise NotFound(_("该机关尚未公布主动公开基本目录。"))
    catalog.public_item_list = public_items(catalog)
    return catalog
